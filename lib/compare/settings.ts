import type { ComparisonColumn, ComparisonShared } from "../db/schema";
import type { ChatSettings } from "../validations/chat";
import { NO_REASONING_INSTRUCTION } from "../validations/compare";

/**
 * The chat settings one column sends: the shared system prompt, tools and JSON mode, with the
 * column's own sampling parameters. Reasoning "off" adds an instruction not to think at length
 * (the gateway's OpenAI-compatible API has no portable switch for it).
 */
export function columnSettings(
  column: Pick<ComparisonColumn, "params">,
  shared: ComparisonShared,
): ChatSettings {
  const { temperature, top_p, max_tokens, reasoning } = column.params;
  const system = [shared.system?.trim(), reasoning === false ? NO_REASONING_INSTRUCTION : undefined]
    .filter(Boolean)
    .join("\n\n");
  return {
    ...(system && { system }),
    ...(temperature !== undefined && { temperature }),
    ...(top_p !== undefined && { top_p }),
    ...(max_tokens !== undefined && { max_tokens }),
    ...(shared.tools?.length && { tools: shared.tools as ChatSettings["tools"] }),
    ...(shared.json_mode && { json_mode: true }),
  };
}

/** A fair shuffle of the column order for blind labels (A = labels[0]). */
export function blindLabels(columns: number, random: () => number = Math.random): number[] {
  const order = Array.from({ length: columns }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
