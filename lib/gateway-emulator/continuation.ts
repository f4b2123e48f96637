import type { ChatCompletionRequest } from "@/lib/stream/wire";
import type { Plan } from "./plan";

/**
 * Continue (a partial answer sent back as the last, assistant, message): a real model carries on
 * from the prefill. The emulator plans the answer the conversation without the prefill would get
 * (same seed, so the same text), and sends only what follows the part already written. Nothing to
 * think about: a prefilled answer is past its thinking.
 */
export function prefillOf(request: ChatCompletionRequest): string | null {
  const last = request.messages.at(-1);
  if (last?.role !== "assistant" || last.tool_calls?.length || typeof last.content !== "string") return null;
  return last.content;
}

export function withoutPrefill(request: ChatCompletionRequest): ChatCompletionRequest {
  return { ...request, messages: request.messages.slice(0, -1) };
}

export function continuePlan(full: Plan, prefill: string): Plan {
  const content = full.content.startsWith(prefill)
    ? full.content.slice(prefill.length)
    : ` … and that is the rest of the answer.`;
  return { reasoning: "", content, toolCalls: [], finishReason: "stop" };
}
