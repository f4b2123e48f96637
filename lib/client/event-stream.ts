"use client";
import { createParser } from "eventsource-parser";
import { type StreamFrame, toStreamFrame } from "@/lib/stream/events";

/** How one HTTP read of a generation's events ended. */
export type StreamEnd =
  /** The server closed the stream (after the log's end, or cut: the caller knows which). */
  | { kind: "eof" }
  /** The server could not serve the requested id: show the saved message instead. */
  | { kind: "gone" }
  /** Refused before any event: a JSON error (bad request, not found, limits). */
  | { kind: "refused"; status: number; code: string; message: string; retryAfterSeconds?: number }
  /** No answer from Parley's server, or the connection broke mid-stream. */
  | { kind: "network" }
  /** This tab stopped reading (switched conversation, left the page). */
  | { kind: "aborted" };

/**
 * Reads one SSE response of Parley's (POST /api/chat or GET /api/generations/<id>/stream) and
 * hands each frame over with its numeric id. Knows nothing of turns: reconnecting and assembling
 * are the turn controller's.
 */
export async function readEventStream(
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  onFrame: (frame: StreamFrame, id: number | null) => void,
): Promise<StreamEnd> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal, headers: { Accept: "text/event-stream", ...init.headers } });
  } catch {
    return signal.aborted ? { kind: "aborted" } : { kind: "network" };
  }
  if (!res.ok || !res.body) {
    const json = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; retryAfterSeconds?: number };
    } | null;
    const retryAfter = Number(res.headers.get("retry-after"));
    return {
      kind: "refused",
      status: res.status,
      code: json?.error?.code ?? (res.status === 413 ? "too_large" : "internal"),
      message: json?.error?.message ?? `Parley's server answered ${res.status}.`,
      ...(json?.error?.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: json.error.retryAfterSeconds }
        : Number.isFinite(retryAfter) && retryAfter > 0
          ? { retryAfterSeconds: retryAfter }
          : {}),
    };
  }
  let gone = false;
  const parser = createParser({
    onEvent: (e) => {
      if (e.event === "parley.gone") {
        gone = true;
        return;
      }
      const frame = toStreamFrame(e.event, e.data, e.id);
      if (!frame) return;
      const id = e.id !== undefined && /^\d+$/.test(e.id) ? Number(e.id) : null;
      onFrame(frame, id);
    },
  });
  try {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } catch {
    if (signal.aborted) return { kind: "aborted" };
    return gone ? { kind: "gone" } : { kind: "network" };
  }
  return gone ? { kind: "gone" } : { kind: "eof" };
}
