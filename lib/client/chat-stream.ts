"use client";
import { createParser } from "eventsource-parser";
import { type ParleyEventMap, type StreamFrame, toStreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder, markStopped } from "@/lib/stream/message-builder";
import type { ChatRequestBody } from "@/lib/validations/chat";

export type TurnSnapshot = ReturnType<typeof build>;

type StreamOptions = {
  body: ChatRequestBody;
  signal: AbortSignal;
  /** Called at most once per animation frame with the message so far, and once at the end. */
  onUpdate: (snapshot: TurnSnapshot) => void;
  /** The server saved the turn (first frame of a request that carried `conversation`). */
  onSaved?: (saved: ParleyEventMap["parley.saved"]) => void;
  endpoint?: string;
};

/** Schedules `fn` for the next frame; falls back to a timer when the tab is hidden (no rAF). */
function frameScheduler(fn: () => void) {
  let pending = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    pending = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    fn();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      if (document.hidden) timer = setTimeout(run, 100);
      else raf = requestAnimationFrame(run);
    },
    flushNow: run,
  };
}

function errorFrames(
  code: string,
  message: string,
  extra: { status?: number; retryAfterSeconds?: number } = {},
) {
  return [
    { kind: "parley.error", data: { code, message, ...extra } },
    { kind: "parley.done", data: { finishReason: null, steps: 0, usage: null } },
  ] as StreamFrame[];
}

/**
 * Sends one turn to POST /api/chat and assembles the answer with the shared message builder.
 * Network failures, a bad-request answer and a stream that ends without `parley.done` are fed to
 * the builder as Parley error frames, so every outcome takes the same path to the screen.
 */
export async function streamChatTurn({
  body,
  signal,
  onUpdate,
  onSaved,
  endpoint = "/api/chat",
}: StreamOptions) {
  const b = createMessageBuilder({ startedAt: Date.now(), model: body.model });
  const scheduler = frameScheduler(() => onUpdate(build(b)));
  let done = false;
  const apply = (frame: StreamFrame) => {
    if (frame.kind === "parley.done") done = true;
    if (frame.kind === "parley.saved") onSaved?.(frame.data);
    applyFrame(b, frame, Date.now());
    scheduler.schedule();
  };

  try {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
    if (!res.ok || !res.body) {
      const json = (await res.json().catch(() => null)) as {
        error?: { code?: string; message?: string };
      } | null;
      for (const f of errorFrames(
        json?.error?.code ?? (res.status === 413 ? "too_large" : "internal"),
        json?.error?.message ?? `The server answered ${res.status}.`,
        { status: res.status },
      ))
        apply(f);
    } else {
      const parser = createParser({
        onEvent: (e) => {
          const frame = toStreamFrame(e.event, e.data, e.id);
          if (frame) apply(frame);
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done: eof } = await reader.read();
        if (eof) break;
        parser.feed(value);
      }
      if (!done)
        for (const f of errorFrames("stream_cut", "The connection closed before the answer finished."))
          apply(f);
    }
  } catch (e) {
    if (signal.aborted) markStopped(b, Date.now());
    else if (!done) for (const f of errorFrames("network", "Parley's server could not be reached.")) apply(f);
    void e;
  }
  scheduler.flushNow();
  return build(b);
}
