/**
 * Stored messages (parts) → what the gateway reads (wire messages). The one conversion, used by
 * the server to build a turn's history from the database: thinking signatures and tool results
 * go back as the provider wants them, so a tool loop can pick up where it left off.
 */
import type { MessagePart, MessageStatus } from "./message-parts";
import type { ReasoningDetail, UserContentPart, WireMessage, WireToolCall } from "./wire";

export type StoredTurnMessage = {
  role: "user" | "assistant" | "system";
  parts: MessagePart[];
  status: MessageStatus;
};

type Step = { text: string; reasoning: string; details: ReasoningDetail[]; calls: MessagePart[] };

function textOf(parts: MessagePart[]): string {
  return parts
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("");
}

function userToWire(parts: MessagePart[]): WireMessage {
  const content: UserContentPart[] = [];
  for (const p of parts) {
    if (p.type === "text" && p.text) content.push({ type: "text", text: p.text });
    if (p.type === "image") content.push({ type: "image_url", image_url: { url: p.url } });
  }
  if (content.length === 1 && content[0]?.type === "text") return { role: "user", content: content[0].text };
  // An empty message (only possible through imports) still takes its place in the turn order.
  return { role: "user", content: content.length ? content : "" };
}

/**
 * An assistant message's parts become the wire messages of its tool loop: each step is an
 * assistant message (text, reasoning details, tool calls) followed by one tool message per call.
 */
function assistantToWire(parts: MessagePart[]): WireMessage[] {
  const out: WireMessage[] = [];
  let step: Step = { text: "", reasoning: "", details: [], calls: [] };
  const flush = () => {
    const calls = step.calls.filter((c) => c.type === "tool-call");
    if (!step.text && calls.length === 0) return;
    const toolCalls: WireToolCall[] = calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments || "{}" },
    }));
    out.push({
      role: "assistant",
      content: step.text || null,
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
      // Signed thinking is only required (and only accepted) alongside the tool calls it led to.
      ...(toolCalls.length && step.reasoning ? { reasoning: step.reasoning } : {}),
      ...(toolCalls.length && step.details.length ? { reasoning_details: step.details } : {}),
    });
    for (const c of calls) {
      out.push({ role: "tool", tool_call_id: c.id, content: c.result ?? '{"error":"no result"}' });
    }
    step = { text: "", reasoning: "", details: [], calls: [] };
  };
  for (const p of parts) {
    if (p.type === "tool-call") step.calls.push(p);
    else {
      if (step.calls.length) flush();
      if (p.type === "text") step.text += p.text;
      else if (p.type === "reasoning") {
        step.reasoning += p.text;
        if (p.details) step.details.push(...p.details);
      }
    }
  }
  flush();
  return out;
}

/**
 * The path on screen as the gateway sees it. Failed answers are left out (they hold an error, not
 * an answer); stopped, interrupted and cut ones are kept, since the user read them.
 */
export function partsToWire(messages: readonly StoredTurnMessage[]): WireMessage[] {
  const out: WireMessage[] = [];
  for (const m of messages) {
    if (m.role === "user") out.push(userToWire(m.parts));
    else if (m.role === "system") {
      const text = textOf(m.parts);
      if (text.trim()) out.push({ role: "system", content: text });
    } else if (m.status !== "error" || m.parts.some((p) => p.type === "text")) {
      out.push(...assistantToWire(m.parts));
    }
  }
  return out;
}

/**
 * Continue: the partial answer goes last, as the assistant message the model carries on from.
 * Providers refuse a final assistant message that ends in whitespace, so the tail is trimmed
 * (the continuation brings its own).
 */
export function withPartialAnswer(history: WireMessage[], answer: StoredTurnMessage): WireMessage[] {
  const steps = assistantToWire(answer.parts);
  const last = steps.at(-1);
  if (last?.role === "assistant" && !last.tool_calls && last.content) {
    steps[steps.length - 1] = { ...last, content: last.content.trimEnd() };
  }
  return [...history, ...steps];
}
