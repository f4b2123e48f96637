import type { ServerResponse } from "node:http";
import { breakPoint, type Frame } from "./chunks";
import { IN_STREAM_ERROR, type StreamFaultName } from "./faults";
import { sleep, untilAborted, write } from "./http";

export type StreamOutcome = "completed" | "cut" | "aborted";

export type StreamOptions = {
  chunkMs: number;
  signal: AbortSignal;
  /** Adds `x_sent_at` (epoch ms) to every chunk so benchmarks can measure per-event delay. */
  stamp: boolean;
  fault?: StreamFaultName;
  onChunk: () => void;
  /** Destroys the socket without ending the response (the `cut` fault). */
  cut: () => Promise<void>;
};

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
};

const nowMs = () => performance.timeOrigin + performance.now();

function serialise(frame: Frame, stamp: boolean): string {
  const chunk = stamp ? { ...frame.chunk, x_sent_at: nowMs() } : frame.chunk;
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/**
 * Writes a 200 event stream frame by frame, one per `chunkMs`, and applies a stream fault at its
 * break point. Stops writing as soon as the signal fires (the client left or the server closes).
 */
export async function sendStream(
  res: ServerResponse,
  frames: Frame[],
  opts: StreamOptions,
): Promise<StreamOutcome> {
  const { signal, fault } = opts;
  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
  // `stall` goes quiet after a few chunks; the others strike about a third of the way in.
  const at = breakPoint(frames, (n) => (fault === "stall" ? Math.min(3, n) : Math.floor(n / 3)));
  const last = fault && fault !== "malformed" ? at : frames.length;
  for (let i = 0; i < last; i++) {
    if (i > 0) await sleep(opts.chunkMs, signal);
    if (signal.aborted) return "aborted";
    await write(res, serialise(frames[i]!, opts.stamp), signal);
    opts.onChunk();
    if (fault === "malformed" && i === at - 1) {
      // Half a chunk: invalid JSON a robust client must skip. It carries no text, so the
      // assembled answer is still complete.
      const { id, created, model } = frames[i]!.chunk;
      await write(
        res,
        `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":"${model}","choices":[{"index":0,"delta":{"content":\n\n`,
        signal,
      );
    }
  }
  if (signal.aborted) return "aborted";
  if (fault === "cut") {
    await opts.cut();
    return "cut";
  }
  if (fault === "stall") {
    await untilAborted(signal);
    return "aborted";
  }
  if (fault === "stream-error" || fault === "event-error") {
    const event = fault === "event-error" ? "event: error\n" : "";
    await write(res, `${event}data: ${JSON.stringify({ error: IN_STREAM_ERROR })}\n\n`, signal);
    res.end();
    return "completed";
  }
  await sleep(opts.chunkMs, signal);
  if (signal.aborted) return "aborted";
  res.end("data: [DONE]\n\n");
  return "completed";
}
