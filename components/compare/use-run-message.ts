"use client";
import { useEffect, useRef, useState } from "react";
import { readEventStream } from "@/lib/client/event-stream";
import type { RunView } from "@/lib/compare/view";
import { restoreBuilder } from "@/lib/stream/builder-snapshot";
import { applyFrame, type BuiltMessage, build, createMessageBuilder } from "@/lib/stream/message-builder";
import type { MessagePart, MessageStatus } from "@/lib/stream/message-parts";

type RunLike = Pick<RunView, "generationId" | "status" | "parts" | "lastEventId" | "streamState">;
export type LiveMessage = { parts: MessagePart[]; status: MessageStatus; live?: BuiltMessage };

/**
 * One column's answer: the stored one, or, while its generation runs, the same message built
 * live from GET /api/generations/<id>/stream. After a reload it starts from the saved builder
 * snapshot and reads from its event id (exactly what the chat does), reconnecting after a drop.
 */
export function useRunMessage(run: RunLike, onEnded: () => void): LiveMessage {
  const [live, setLive] = useState<BuiltMessage | null>(null);
  const ended = useRef(onEnded);
  ended.current = onEnded;
  const streaming = run.status === "streaming";
  const start = useRef(run);
  if (start.current.generationId !== run.generationId) start.current = run;

  useEffect(() => {
    if (!streaming) return;
    const r = start.current;
    const controller = new AbortController();
    const builder = r.streamState
      ? restoreBuilder(r.streamState)
      : createMessageBuilder({ startedAt: Date.now() });
    let lastId = r.lastEventId ?? 0;
    let frame = 0;
    const paint = () => {
      frame = 0;
      setLive(build(builder));
    };
    void (async () => {
      for (let attempt = 0; attempt < 20 && !controller.signal.aborted; attempt++) {
        const end = await readEventStream(
          `/api/generations/${r.generationId}/stream`,
          { headers: { "Last-Event-ID": String(lastId) } },
          controller.signal,
          (f, id) => {
            applyFrame(builder, f, Date.now());
            if (id !== null) lastId = id;
            if (!frame) frame = requestAnimationFrame(paint);
          },
        );
        if (end.kind === "aborted") return;
        if (end.kind === "eof" && (builder.done || builder.stopped)) break;
        if (end.kind === "gone" || end.kind === "refused") break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 250 * 2 ** attempt)));
      }
      if (!controller.signal.aborted) {
        paint();
        ended.current();
      }
    })();
    return () => {
      controller.abort();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [streaming]);

  if (streaming && live) return { parts: live.parts, status: live.status, live };
  return { parts: run.parts ?? [], status: run.status ?? "streaming" };
}
