import "server-only";
import type { WireMessage } from "@/lib/stream/wire";

/**
 * What the gateway sees of a long conversation. Claude's context holds about 200k tokens; a
 * conversation past that (minus room for the answer) would be refused with a 400. Policy: the
 * oldest whole turns (a user message and the answer that followed it) are left out until the rest
 * fits, the newest turn always stays, and the answer says how many messages the model did not see
 * (`parley.context`). Tokens are estimated (4 characters a token, a fixed cost per image): the
 * budget keeps a margin, so the estimate need not be exact.
 */
const CHARS_PER_TOKEN = 4;
/** Roughly what Claude charges for a downscaled image (up to 1,568 px on the long side). */
const IMAGE_TOKENS = 1600;

export function estimateTokens(m: WireMessage): number {
  let chars = 16; // role and framing
  if (typeof m.content === "string") chars += m.content.length;
  else if (Array.isArray(m.content)) {
    for (const p of m.content) {
      if (p.type === "text") chars += p.text.length;
      else chars += IMAGE_TOKENS * CHARS_PER_TOKEN;
    }
  }
  if (m.role === "assistant") {
    for (const c of m.tool_calls ?? []) chars += c.function.name.length + c.function.arguments.length;
    chars += m.reasoning?.length ?? 0;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

export type FittedHistory = { messages: WireMessage[]; droppedMessages: number };

export function fitToContext(messages: WireMessage[], budgetTokens: number): FittedHistory {
  // Turns start at user messages; what precedes the first one (an imported system prompt) is a
  // turn of its own and goes first.
  const turns: WireMessage[][] = [];
  for (const m of messages) {
    if (m.role === "user" || turns.length === 0) turns.push([m]);
    else turns.at(-1)!.push(m);
  }
  const cost = turns.map((t) => t.reduce((n, m) => n + estimateTokens(m), 0));
  let total = cost.reduce((a, b) => a + b, 0);
  let first = 0;
  while (total > budgetTokens && first < turns.length - 1) {
    total -= cost[first]!;
    first++;
  }
  const kept = turns.slice(first).flat();
  return { messages: kept, droppedMessages: messages.length - kept.length };
}
