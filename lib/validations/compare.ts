/**
 * Bodies of the comparison routes (docs in README "Comparison playground"), shared by the page's
 * forms and the route handlers.
 */
import { z } from "zod";
import { MODELS } from "../stream/wire";
import { BUILTIN_TOOL_NAMES } from "../tools/catalog";
import { chatSettingsSchema, PARAM_RANGES, userMessageSchema } from "./chat";

export const COMPARE_LIMITS = {
  columns: { min: 2, max: 4 },
  repeats: 20,
  tagChars: 100,
  titleChars: 200,
} as const;

/** "Reasoning off": a model that thinks is asked not to, by this system instruction (see README). */
export const NO_REASONING_INSTRUCTION =
  "Answer directly and briefly, without extended step-by-step thinking before the answer.";

/** Models that think before answering (reasoning can be switched off for them). */
export const THINKING_MODELS: readonly string[] = ["anthropic/claude-sonnet-4.6"];

export const columnParamsSchema = z.object({
  temperature: z.number().min(PARAM_RANGES.temperature.min).max(PARAM_RANGES.temperature.max).optional(),
  top_p: z.number().min(PARAM_RANGES.top_p.min).max(PARAM_RANGES.top_p.max).optional(),
  max_tokens: z.number().int().min(PARAM_RANGES.max_tokens.min).max(PARAM_RANGES.max_tokens.max).optional(),
  reasoning: z.boolean().optional(),
});
export type ColumnParams = z.infer<typeof columnParamsSchema>;

export const sharedSettingsSchema = z.object({
  system: chatSettingsSchema.shape.system,
  tools: z.array(z.enum(BUILTIN_TOOL_NAMES)).max(BUILTIN_TOOL_NAMES.length).optional(),
  json_mode: z.boolean().optional(),
});

export const createComparisonSchema = z
  .object({
    title: z.string().trim().max(COMPARE_LIMITS.titleChars).optional(),
    blind: z.boolean().default(false),
    columns: z
      .array(z.object({ model: z.enum(MODELS), params: columnParamsSchema.default({}) }))
      .min(COMPARE_LIMITS.columns.min)
      .max(COMPARE_LIMITS.columns.max),
    shared: sharedSettingsSchema.default({}),
  })
  .refine((c) => !c.blind || c.columns.length === 2, {
    path: ["columns"],
    message: "blind mode compares exactly two columns (A and B)",
  });
export type CreateComparison = z.infer<typeof createComparisonSchema>;

export const runBatchSchema = z.object({
  /** The prompt: text, or text and images, as a chat message's content. */
  content: userMessageSchema.shape.content,
  repeats: z.number().int().min(1).max(COMPARE_LIMITS.repeats).default(1),
  mode: z.enum(["sequential", "concurrent"]).default("sequential"),
});
export type RunBatch = z.infer<typeof runBatchSchema>;

export const voteSchema = z.object({
  batchId: z.uuid(),
  /** As the voter saw it: A, B, a tie, or both bad. */
  verdict: z.enum(["a", "b", "tie", "bothbad"]),
  tag: z.string().trim().max(COMPARE_LIMITS.tagChars).optional(),
});
export type VoteInput = z.infer<typeof voteSchema>;

export const toChatSchema = z.object({
  column: z
    .number()
    .int()
    .min(0)
    .max(COMPARE_LIMITS.columns.max - 1),
});
