import type { Usage } from "@/lib/stream/wire";

/** Usage of a whole turn: the sum of its model calls (each call's usage is reported once). */
export function addUsage(total: Usage | null, step: Usage | null): Usage | null {
  if (!step) return total;
  if (!total) return { ...step };
  return {
    ...total,
    prompt_tokens: total.prompt_tokens + step.prompt_tokens,
    completion_tokens: total.completion_tokens + step.completion_tokens,
    total_tokens: total.total_tokens + step.total_tokens,
    ...(total.cost !== undefined || step.cost !== undefined
      ? { cost: (total.cost ?? 0) + (step.cost ?? 0) }
      : {}),
  };
}
