import { createParser } from "eventsource-parser";
import { stallError, streamCutError } from "./errors";

/**
 * One HTTP attempt at the gateway and the reading of its body: the abort controller linked to the
 * caller's signal, the stall watchdog, and the SSE events as they arrive. Split from client.ts,
 * which decides what to send and when to retry; nothing here knows the key.
 */
export type GatewayEvent = { event?: string; data: string; id?: string };

/** A whole non-streamed completion; far above any real answer, it only guards memory. */
export const JSON_BODY_BYTES = 16 * 1024 * 1024;

/** One HTTP attempt: its own abort controller, linked to the caller's, and a stall watchdog. */
export type Call = {
  stallMs: number;
  signal: AbortSignal;
  stalled: boolean;
  /** Arms the watchdog while we wait on the network; disarmed while the consumer holds an event. */
  arm(): void;
  disarm(): void;
  dispose(): void;
};

export function startCall(stallMs: number, outer: AbortSignal): Call {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener("abort", onAbort, { once: true });
  // arm() and disarm() run around every network chunk: they only note the time, and one timer
  // (re-set only when it fires early) decides. A new timer per chunk would cost more than the chunk.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt: number | null = null;
  let disposed = false;
  const check = () => {
    timer = undefined;
    if (disposed) return;
    if (armedAt === null) return;
    const waited = performance.now() - armedAt;
    if (waited >= stallMs) {
      call.stalled = true;
      controller.abort(new Error("stalled"));
    } else {
      timer = setTimeout(check, stallMs - waited);
    }
  };
  const call: Call = {
    stallMs,
    signal: controller.signal,
    stalled: false,
    arm() {
      armedAt = performance.now();
      timer ??= setTimeout(check, stallMs);
    },
    disarm: () => {
      armedAt = null;
    },
    dispose() {
      disposed = true;
      armedAt = null;
      clearTimeout(timer);
      timer = undefined;
      outer.removeEventListener("abort", onAbort);
    },
  };
  return call;
}

/** Reads a body as text up to `maxBytes`, with the watchdog armed while waiting for each chunk. */
export async function readText(response: Response, call: Call, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  try {
    while (bytes < maxBytes) {
      call.arm();
      const { done, value } = await reader.read();
      call.disarm();
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    return text;
  } finally {
    reader.cancel().catch(() => {});
  }
}

export function failureAfterFirstByte(cause: unknown, call: Call, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (call.stalled) return stallError(call.stallMs / 1000);
  return streamCutError(cause);
}

/**
 * Yields each SSE event as soon as the chunk holding it has been parsed, or, when the gateway
 * answered JSON (an error object, or a completion despite stream: true), one event with the whole
 * body. The content type decides; without a useful one the first visible character does.
 *
 * Ends after `[DONE]`. A body that ends without it is a cut stream, unless the gateway already
 * sent an error event (then that error is the story, and the caller reports it).
 *
 * A data line that is not a JSON object (half a chunk, an HTML fragment from a proxy) is skipped,
 * so nothing unreadable reaches the browser, and the stream goes on; the count is logged once
 * when the stream ends, never the text (it may hold someone's answer).
 */
export async function* responseEvents(
  response: Response,
  call: Call,
  signal: AbortSignal,
): AsyncGenerator<GatewayEvent> {
  const type = response.headers.get("content-type") ?? "";
  let mode = type.includes("event-stream") ? "sse" : type.includes("json") ? "json" : undefined;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const queue: GatewayEvent[] = [];
  // Keep-alive comments (": ping") need no callback: their bytes already reset the watchdog.
  const parser = createParser({ onEvent: (e) => queue.push(toGatewayEvent(e.data, e.event, e.id)) });
  let buffered = "";
  let sawError = false;
  let malformed = 0;
  try {
    for (;;) {
      const chunk = await readChunk(reader, call, signal);
      let text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      if (mode !== "sse") {
        buffered += text;
        if (buffered.length > JSON_BODY_BYTES) throw streamCutError(new Error("JSON body too large"));
        if (mode === undefined) {
          const first = buffered.trimStart()[0];
          if (first !== undefined) mode = first === "{" || first === "[" ? "json" : "sse";
        }
        if (mode === "json" && chunk.done) {
          yield { data: buffered };
          return;
        }
        if (mode !== "sse") {
          if (chunk.done) break;
          continue;
        }
        text = buffered;
        buffered = "";
      }
      parser.feed(text);
      if (chunk.done) {
        // The spec drops an event that lacks its blank line at EOF. A whole one (`data: [DONE]\n`
        // from a sloppy server) is kept; a half line from a cut connection is not.
        const before = queue.length;
        parser.feed("\n\n");
        queue.splice(before, queue.length - before, ...queue.slice(before).filter(isWhole));
      }
      while (queue.length > 0) {
        const ev = queue.shift()!;
        if (isMalformed(ev)) {
          malformed++;
          continue;
        }
        yield ev;
        if (ev.data === "[DONE]") return;
        sawError ||= isErrorEvent(ev);
      }
      if (chunk.done) break;
    }
    if (!sawError) throw streamCutError();
  } finally {
    call.dispose();
    reader.cancel().catch(() => {});
    if (malformed > 0) {
      console.warn(`[gateway] skipped ${malformed} malformed chunk(s) in one stream from the AI Gateway`);
    }
  }
}

/**
 * A data event that cannot be a chunk: not `[DONE]`, not an error frame (whose text the assembler
 * reads however it is shaped), and not shaped like a JSON object. Looking at the first and last
 * characters costs nothing on the hot path; the relay's assembler parses every chunk anyway and
 * ignores the rare line that looks whole but is not.
 */
export function isMalformed(ev: GatewayEvent): boolean {
  if (ev.event === "error") return false;
  const data = ev.data;
  let start = 0;
  let end = data.length - 1;
  while (start <= end && data.charCodeAt(start) <= 32) start++;
  while (end >= start && data.charCodeAt(end) <= 32) end--;
  if (start > end) return true;
  if (data[start] === "{") return data[end] !== "}";
  return data.slice(start, end + 1) !== "[DONE]";
}

async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  call: Call,
  signal: AbortSignal,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    call.arm();
    return await reader.read();
  } catch (cause) {
    throw failureAfterFirstByte(cause, call, signal);
  } finally {
    call.disarm();
  }
}

function isWhole(ev: GatewayEvent): boolean {
  if (ev.data === "[DONE]") return true;
  try {
    JSON.parse(ev.data);
    return true;
  } catch {
    return false;
  }
}

function isErrorEvent(ev: GatewayEvent): boolean {
  if (ev.event === "error") return true;
  // Cheap test first: almost no chunk mentions "error", so almost none is parsed twice.
  if (!ev.data.includes('"error"')) return false;
  try {
    const json = JSON.parse(ev.data) as { error?: unknown };
    return typeof json.error === "object" && json.error !== null;
  } catch {
    return false;
  }
}

function toGatewayEvent(data: string, event?: string, id?: string): GatewayEvent {
  const ev: GatewayEvent = { data };
  if (event !== undefined) ev.event = event;
  if (id !== undefined) ev.id = id;
  return ev;
}
