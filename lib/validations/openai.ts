/**
 * `POST /api/v1/chat/completions`: OpenAI's request, checked for what Parley relies on (a model it
 * offers, well-formed messages and tools) and otherwise passed to the gateway as given, so new
 * OpenAI parameters work without a Parley release.
 */
import { z } from "zod";

export const V1_LIMITS = {
  bodyBytes: 8 * 1024 * 1024,
  messages: 2000,
  tools: 128,
} as const;

const message = z
  .object({
    role: z.enum(["system", "developer", "user", "assistant", "tool"]),
    content: z.union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()]).optional(),
  })
  .loose();

const tool = z
  .object({
    type: z.literal("function"),
    function: z.object({ name: z.string().min(1).max(128) }).loose(),
  })
  .loose();

export const v1ChatRequestSchema = z
  .object({
    model: z.string().min(1).max(200),
    messages: z.array(message).min(1).max(V1_LIMITS.messages),
    stream: z.boolean().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    tools: z.array(tool).max(V1_LIMITS.tools).optional(),
    n: z.literal(1).optional(),
  })
  .loose();

export type V1ChatRequest = z.infer<typeof v1ChatRequestSchema>;
