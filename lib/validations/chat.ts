/**
 * The body of POST /api/chat, enforced by the route handler. Its limits live in ./chat-limits,
 * which the settings form and the composer read (they refuse out-of-range values before anything
 * is sent) without pulling zod into the page.
 */
import { z } from "zod";
import { MODELS } from "../stream/wire";
import { BUILTIN_TOOL_NAMES } from "../tools/catalog";
import { APPROVAL_MODES, TOOL_NAME } from "../tools/define";
import { LIMITS, PARAM_RANGES } from "./chat-limits";

export { LIMITS, PARAM_RANGES };

const imageUrl = z
  .string()
  .max(LIMITS.imageUrlChars, "image is too large")
  .refine(
    (u) =>
      /^data:image\/(png|jpeg|webp|gif);base64,/.test(u) ||
      /^https:\/\//.test(u) ||
      // An image saved earlier in this conversation; the server inlines it for the gateway.
      /^\/api\/attachments\/[0-9a-f-]{36}$/i.test(u),
    "image must be a PNG, JPEG, WebP or GIF data URL, an https URL, or a saved attachment",
  );

const textPart = z.object({ type: z.literal("text"), text: z.string().max(LIMITS.textChars) });
const imagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: imageUrl, detail: z.enum(["auto", "low", "high"]).optional() }),
});

export const userMessageSchema = z.object({
  role: z.literal("user"),
  content: z.union([
    z.string().max(LIMITS.textChars),
    z
      .array(z.discriminatedUnion("type", [textPart, imagePart]))
      .min(1)
      .refine((parts) => parts.filter((p) => p.type === "image_url").length <= LIMITS.imagesPerMessage, {
        message: `at most ${LIMITS.imagesPerMessage} images per message`,
      }),
  ]),
});

const toolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1).max(100), arguments: z.string().max(LIMITS.textChars) }),
});

const reasoningDetail = z.looseObject({ type: z.string().max(100) });

const assistantMessage = z.object({
  role: z.literal("assistant"),
  content: z.string().max(LIMITS.textChars).nullable(),
  tool_calls: z.array(toolCall).max(32).optional(),
  reasoning: z.string().max(LIMITS.textChars).optional(),
  reasoning_details: z.array(reasoningDetail).max(64).optional(),
});

const toolMessage = z.object({
  role: z.literal("tool"),
  tool_call_id: z.string().min(1).max(200),
  content: z.string().max(LIMITS.textChars),
});

export const chatMessageSchema = z.discriminatedUnion("role", [
  userMessageSchema,
  assistantMessage,
  toolMessage,
]);

/** `mcp:<serverId>:<toolName>` or `user:<toolId>` (see `extra_tools`). */
export const EXTRA_TOOL_REF = /^(mcp:[0-9a-f-]{36}:[^\s:]{1,128}|user:[0-9a-f-]{36})$/;

export const toolChoiceSchema = z.union([
  z.enum(["auto", "none", "required"]),
  z.object({ type: z.literal("function"), function: z.object({ name: z.enum(BUILTIN_TOOL_NAMES) }) }),
]);

export const chatSettingsSchema = z.object({
  system: z.string().max(LIMITS.systemChars).optional(),
  temperature: z.number().min(PARAM_RANGES.temperature.min).max(PARAM_RANGES.temperature.max).optional(),
  top_p: z.number().min(PARAM_RANGES.top_p.min).max(PARAM_RANGES.top_p.max).optional(),
  max_tokens: z.number().int().min(PARAM_RANGES.max_tokens.min).max(PARAM_RANGES.max_tokens.max).optional(),
  /** Built-in tools offered to the model; empty or absent means no tools. */
  tools: z.array(z.enum(BUILTIN_TOOL_NAMES)).max(BUILTIN_TOOL_NAMES.length).optional(),
  /**
   * MCP and user-defined tools enabled in this conversation: `mcp:<serverId>:<toolName>` or
   * `user:<toolId>`. The server resolves them against the caller's own servers and tools.
   */
  extra_tools: z.array(z.string().regex(EXTRA_TOOL_REF)).max(64).optional(),
  /** Per tool (by the name the model calls it): run at once, ask the user first, or never run. */
  tool_approval: z
    .record(z.string().regex(TOOL_NAME).max(64), z.enum(APPROVAL_MODES))
    .refine((r) => Object.keys(r).length <= 100, "at most 100 tools")
    .optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  json_mode: z.boolean().optional(),
});

function textLength(m: z.infer<typeof chatMessageSchema>): number {
  if (m.role === "user") {
    return typeof m.content === "string"
      ? m.content.length
      : m.content.reduce((n, p) => n + (p.type === "text" ? p.text.length : 0), 0);
  }
  return (m.content ?? "").length;
}

function imageCount(m: z.infer<typeof chatMessageSchema>): number {
  return m.role === "user" && Array.isArray(m.content)
    ? m.content.filter((p) => p.type === "image_url").length
    : 0;
}

export const chatRequestSchema = z
  .object({
    model: z.enum(MODELS),
    messages: z.array(chatMessageSchema).min(1).max(LIMITS.messages),
    settings: chatSettingsSchema.default({}),
  })
  .superRefine((body, ctx) => {
    const total = body.messages.reduce((n, m) => n + textLength(m), 0);
    if (total > LIMITS.totalTextChars) {
      ctx.addIssue({
        code: "custom",
        path: ["messages"],
        message: `conversation text exceeds ${LIMITS.totalTextChars} characters`,
      });
    }
    const images = body.messages.reduce((n, m) => n + imageCount(m), 0);
    if (images > LIMITS.imagesTotal) {
      ctx.addIssue({
        code: "custom",
        path: ["messages"],
        message: `at most ${LIMITS.imagesTotal} images per request`,
      });
    }
    if (body.messages.at(-1)?.role !== "user" && body.messages.at(-1)?.role !== "tool") {
      ctx.addIssue({ code: "custom", path: ["messages"], message: "the last message must be from the user" });
    }
  });

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export type ChatMessageInput = z.infer<typeof chatMessageSchema>;

/**
 * A saved turn (`POST /api/chat` without `messages`): the server builds what the gateway sees from
 * the stored conversation. Exactly one of `message` (a new user message, its id made by the
 * client so a resend is recognised), `regenerate` (a new answer to the user message `parentId`)
 * or `continueMessageId` (carry on a cut, stopped or interrupted answer).
 */
export const turnRequestSchema = z
  .object({
    conversationId: z.uuid().optional(),
    /** The message the new one hangs under: absent, the current leaf; null, a new root (an edit). */
    parentId: z.uuid().nullable().optional(),
    message: z.object({ id: z.uuid(), content: userMessageSchema.shape.content }).optional(),
    /** The answer's id, made by the client too (optional): no id mapping on either side. */
    answerId: z.uuid().optional(),
    regenerate: z.boolean().optional(),
    continueMessageId: z.uuid().optional(),
    model: z.enum(MODELS),
    settings: chatSettingsSchema.default({}),
  })
  .superRefine((t, ctx) => {
    const kinds = [t.message !== undefined, t.regenerate === true, t.continueMessageId !== undefined];
    if (kinds.filter(Boolean).length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["message"],
        message: "send exactly one of message, regenerate or continueMessageId",
      });
    }
    if (t.regenerate && (!t.conversationId || typeof t.parentId !== "string")) {
      ctx.addIssue({
        code: "custom",
        path: ["parentId"],
        message: "regenerate needs the conversation id and the user message as parentId",
      });
    }
    if (t.continueMessageId && !t.conversationId) {
      ctx.addIssue({
        code: "custom",
        path: ["conversationId"],
        message: "continue needs the conversation id",
      });
    }
    if (!t.conversationId && t.parentId != null) {
      ctx.addIssue({
        code: "custom",
        path: ["parentId"],
        message: "a new conversation has no parent message",
      });
    }
    const content = t.message?.content;
    if (Array.isArray(content) && content.length === 0) {
      ctx.addIssue({ code: "custom", path: ["message", "content"], message: "the message is empty" });
    }
  });

export type TurnRequest = z.infer<typeof turnRequestSchema>;
