import type { ChatCompletion, Usage } from "@/lib/stream/wire";
import type { ChunkMeta } from "./chunks";
import type { Plan } from "./plan";

/** The non-streaming `chat.completion` body, shaped like the model pages' example. */
export function completionBody(plan: Plan, meta: ChunkMeta, usage: Usage, withReasoning: boolean) {
  const message: ChatCompletion["choices"][number]["message"] = {
    role: "assistant",
    content: plan.toolCalls.length && !plan.content ? null : plan.content,
  };
  if (withReasoning) message.reasoning_content = plan.reasoning;
  if (plan.toolCalls.length) message.tool_calls = plan.toolCalls;
  return {
    id: meta.id,
    object: "chat.completion" as const,
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, finish_reason: plan.finishReason }],
    usage,
  };
}
