import type { MessagePart } from "@/lib/stream/message-parts";
import type { ReasoningDetail, UserContentPart, WireToolCall } from "@/lib/stream/wire";
import type { ChatMessageInput } from "@/lib/validations/chat";
import type { ChatMessage } from "./chat-types";

type Step = { text: string; reasoning: string; details: ReasoningDetail[]; calls: MessagePart[] };

function userToWire(m: ChatMessage): ChatMessageInput {
  const content: UserContentPart[] = [];
  for (const p of m.parts) {
    if (p.type === "text" && p.text) content.push({ type: "text", text: p.text });
    if (p.type === "image") content.push({ type: "image_url", image_url: { url: p.url } });
  }
  if (content.length === 1 && content[0]?.type === "text") return { role: "user", content: content[0].text };
  return { role: "user", content };
}

/**
 * An assistant message's parts become the wire messages of its tool loop: each step is an
 * assistant message (text, reasoning details, tool calls) followed by one tool message per call.
 */
function assistantToWire(m: ChatMessage): ChatMessageInput[] {
  const out: ChatMessageInput[] = [];
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
      ...(toolCalls.length && step.reasoning ? { reasoning: step.reasoning } : {}),
      ...(toolCalls.length && step.details.length ? { reasoning_details: step.details } : {}),
    });
    for (const c of calls) {
      out.push({ role: "tool", tool_call_id: c.id, content: c.result ?? '{"error":"no result"}' });
    }
    step = { text: "", reasoning: "", details: [], calls: [] };
  };
  for (const p of m.parts) {
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

/** The conversation as POST /api/chat wants it. Failed or empty assistant turns are left out. */
export function toWireMessages(messages: ChatMessage[]): ChatMessageInput[] {
  const out: ChatMessageInput[] = [];
  for (const m of messages) {
    if (m.role === "user") out.push(userToWire(m));
    else if (m.status !== "error") out.push(...assistantToWire(m));
  }
  return out;
}
