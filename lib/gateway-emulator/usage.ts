import type { ChatCompletionRequest, Usage } from "@/lib/stream/wire";
import { type ImageInfo, imagesIn } from "./images";
import { messageText } from "./markers";
import { type Plan, reasons } from "./plan";

/** The usual rule of thumb: about four characters per token. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/** Roughly what the provider would bill as input: text, tool schemas and a flat cost per image. */
export function promptTokens(request: ChatCompletionRequest): number {
  let chars = 0;
  let images: ImageInfo[] = [];
  for (const m of request.messages) {
    chars += messageText(m).length;
    if (m.role === "assistant") chars += JSON.stringify(m.tool_calls ?? []).length;
    if (m.role === "user") images = images.concat(imagesIn(m));
  }
  if (request.tools?.length) chars += JSON.stringify(request.tools).length;
  return Math.ceil(chars / 4) + images.length * 85;
}

const callsText = (plan: Plan) => plan.toolCalls.map((c) => c.function.name + c.function.arguments).join("");

/** Cuts text to a token budget at a code-point boundary. */
function cut(text: string, tokens: number): string {
  return [...text].slice(0, Math.max(0, tokens * 4)).join("");
}

/**
 * `max_tokens` caps everything the model produces, thinking included (as with Anthropic): what
 * does not fit is dropped and finish_reason becomes `length`.
 */
export function applyMaxTokens(plan: Plan, maxTokens: number | undefined): Plan {
  if (!maxTokens) return plan;
  const r = estimateTokens(plan.reasoning);
  if (r > maxTokens)
    return { reasoning: cut(plan.reasoning, maxTokens), content: "", toolCalls: [], finishReason: "length" };
  const c = estimateTokens(plan.content);
  if (r + c > maxTokens) {
    return { ...plan, content: cut(plan.content, maxTokens - r), toolCalls: [], finishReason: "length" };
  }
  if (r + c + estimateTokens(callsText(plan)) > maxTokens)
    return { ...plan, toolCalls: [], finishReason: "length" };
  return plan;
}

export function usageFor(request: ChatCompletionRequest, plan: Plan): Usage {
  const prompt = promptTokens(request);
  const reasoning = estimateTokens(plan.reasoning);
  const completion = reasoning + estimateTokens(plan.content) + estimateTokens(callsText(plan));
  const usage: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  if (reasons(request.model)) usage.completion_tokens_details = { reasoning_tokens: reasoning };
  return usage;
}
