/**
 * Saved turns over real HTTP, for the generation tests: start one, follow one from an event id,
 * stop one, and assemble frames with the same builder the browser uses.
 */
import { randomUUID } from "node:crypto";
import { type BuilderSnapshot, restoreBuilder } from "@/lib/stream/builder-snapshot";
import { toStreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder, type MessageBuilder } from "@/lib/stream/message-builder";
import { deferred, MODEL, textOf } from "./persistence";
import { type ReceivedFrame, type ReceivedStream, readSse } from "./sse-client";

export type Saved = {
  conversationId: string;
  userMessageId: string | null;
  assistantMessageId: string;
  generationId: string;
};

export const newTurn = (content: unknown, extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  message: { id: randomUUID(), content },
  ...extra,
});

/** Starts reading a stream; `saved` resolves with `parley.saved`, `done` with the whole stream. */
export function read(
  url: string,
  body: unknown,
  opts: { headers?: Record<string, string>; stopWhen?: (all: ReceivedFrame[]) => boolean } = {},
) {
  const saved = deferred<Saved>();
  const frames: ReceivedFrame[] = [];
  const done: Promise<ReceivedStream> = readSse(url, body, {
    headers: opts.headers,
    onFrame: (f, all) => {
      frames.push(f);
      if (f.event === "parley.saved") saved.resolve(JSON.parse(f.data) as Saved);
      return opts.stopWhen?.(all) ? "stop" : undefined;
    },
  });
  return { saved: saved.promise, done, frames };
}

export const chunksIn = (frames: ReceivedFrame[]) => frames.filter((f) => !f.event);

/** The message a reader builds from these frames, starting from `builder` (fresh by default). */
export function assemble(
  frames: ReceivedFrame[],
  builder: MessageBuilder = createMessageBuilder({ startedAt: 0 }),
) {
  for (const f of frames) {
    const frame = toStreamFrame(f.event, f.data, f.id);
    if (frame) applyFrame(builder, frame, 0);
  }
  const m = build(builder);
  return { ...m, text: textOf(m.parts) };
}

export const fromSnapshot = (s: BuilderSnapshot) => restoreBuilder(s);

export async function stop(baseUrl: string, generationId: string): Promise<Response> {
  return fetch(`${baseUrl}/api/generations/${generationId}/stop`, { method: "POST" });
}

/** Full stored message records of a conversation (latest `limit`), resume fields included. */
export async function records(baseUrl: string, conversationId: string, limit = 50) {
  const res = await fetch(`${baseUrl}/api/conversations/${conversationId}?limit=${limit}`);
  if (!res.ok) throw new Error(`GET conversation: ${res.status}`);
  return (await res.json()) as {
    conversation: { id: string; title: string };
    messages: {
      id: string;
      role: string;
      status: string;
      parts: { type: string; text?: string }[];
      generationId: string | null;
      lastEventId: number | null;
      streamState: BuilderSnapshot | null;
      droppedMessages: number | null;
      error: { code: string } | null;
    }[];
  };
}
