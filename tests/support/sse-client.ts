import { createParser } from "eventsource-parser";

export type ReceivedFrame = { id?: string; event?: string; data: string; at: number };
export type ReceivedStream = {
  status: number;
  headers: Headers;
  frames: ReceivedFrame[];
  comments: string[];
  raw: string;
};

/**
 * Reads a relay response frame by frame, as the browser does, recording when each frame arrived.
 * `onFrame` may return "stop" to abort the request (to test cancellation).
 */
export async function readSse(
  url: string,
  body: unknown,
  opts: {
    onFrame?: (f: ReceivedFrame, all: ReceivedFrame[]) => "stop" | undefined;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  } = {},
): Promise<ReceivedStream> {
  const controller = new AbortController();
  opts.signal?.addEventListener("abort", () => controller.abort());
  // No body: a GET (following a generation), with any headers given (Last-Event-ID).
  const res = await fetch(
    url,
    body === undefined
      ? { headers: opts.headers, signal: controller.signal }
      : {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: controller.signal,
        },
  );
  const frames: ReceivedFrame[] = [];
  const comments: string[] = [];
  let raw = "";
  let stop = false;
  const parser = createParser({
    onEvent: (ev) => {
      const frame = { id: ev.id, event: ev.event, data: ev.data, at: performance.now() };
      frames.push(frame);
      if (opts.onFrame?.(frame, frames) === "stop") stop = true;
    },
    onComment: (c) => comments.push(c.trim()),
  });
  if (!res.body) return { status: res.status, headers: res.headers, frames, comments, raw };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      raw += text;
      parser.feed(text);
      if (stop) {
        controller.abort();
        break;
      }
    }
  } catch (e) {
    if (!stop) throw e;
  }
  return { status: res.status, headers: res.headers, frames, comments, raw };
}

export const eventsNamed = (s: ReceivedStream, name: string) => s.frames.filter((f) => f.event === name);
export const chunkFrames = (s: ReceivedStream) => s.frames.filter((f) => !f.event);
