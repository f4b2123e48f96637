import type { ChatCompletionChunk, ChunkDelta, Usage } from "@/lib/stream/wire";
import type { Plan } from "./plan";

/**
 * Cuts a plan into the chunk sequence the model pages show: a role announcement, reasoning
 * deltas (Sonnet 4.6), content deltas, tool-call fragments (first the id, type and name with empty
 * arguments, then argument pieces, one call after the other), the finish chunk and, when the
 * request asked for it, usage on a final chunk with no choices.
 */
export type FrameKind = "role" | "reasoning" | "content" | "tool" | "finish" | "usage";
export type Frame = { kind: FrameKind; chunk: ChatCompletionChunk };
export type ChunkMeta = { id: string; created: number; model: string };

/** Pieces of about `size` characters, split after whitespace so words stay whole where possible. */
export function splitText(text: string, size: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const word of text.match(/\s*\S+\s*|\s+/g) ?? []) {
    const chars = [...word];
    if (chars.length > size * 2) {
      if (current) pieces.push(current);
      current = "";
      for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
      continue;
    }
    current += word;
    if (current.length >= size) {
      pieces.push(current);
      current = "";
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

export function toFrames(plan: Plan, meta: ChunkMeta, size: number, usage: Usage | null): Frame[] {
  const chunk = (delta: ChunkDelta, finish: Plan["finishReason"] | null = null): ChatCompletionChunk => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const frames: Frame[] = [{ kind: "role", chunk: chunk({ role: "assistant" }) }];
  for (const piece of splitText(plan.reasoning, size)) {
    frames.push({ kind: "reasoning", chunk: chunk({ reasoning_content: piece }) });
  }
  for (const piece of splitText(plan.content, size))
    frames.push({ kind: "content", chunk: chunk({ content: piece }) });
  plan.toolCalls.forEach((call, index) => {
    const head = {
      index,
      id: call.id,
      type: "function" as const,
      function: { name: call.function.name, arguments: "" },
    };
    frames.push({ kind: "tool", chunk: chunk({ tool_calls: [head] }) });
    for (const piece of splitText(call.function.arguments, size)) {
      frames.push({
        kind: "tool",
        chunk: chunk({ tool_calls: [{ index, function: { arguments: piece } }] }),
      });
    }
  });
  frames.push({ kind: "finish", chunk: chunk({}, plan.finishReason) });
  if (usage) {
    const { id, created, model } = meta;
    frames.push({
      kind: "usage",
      chunk: { id, object: "chat.completion.chunk", created, model, choices: [], usage },
    });
  }
  return frames;
}

/**
 * Where a stream fault strikes: after the k-th frame of streamed text (content, else reasoning,
 * else tool fragments), so the client has received something worth keeping first.
 */
export function breakPoint(frames: Frame[], pick: (textFrames: number) => number): number {
  const order: FrameKind[] = ["content", "reasoning", "tool"];
  for (const kind of order) {
    const idx = frames.flatMap((f, i) => (f.kind === kind ? [i] : []));
    if (idx.length) return idx[Math.min(idx.length, Math.max(1, pick(idx.length))) - 1]! + 1;
  }
  return 1;
}
