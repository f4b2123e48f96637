/**
 * Bodies of the tool routes, shared by the route handlers and the forms that send them.
 */
import { z } from "zod";

/** POST /api/generations/<id>/tools/<callId>: Run, Deny, or the answer to a tool answered by hand. */
export const toolDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("run") }),
  z.object({ decision: z.literal("deny") }),
  z.object({ decision: z.literal("answer"), answer: z.string().min(1).max(100_000) }),
]);
export type ToolDecisionBody = z.infer<typeof toolDecisionSchema>;
