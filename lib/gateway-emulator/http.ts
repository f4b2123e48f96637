import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";

export type ErrorFields = { message: string; type: string; code: string | null; param?: string | null };

/** Largest request body accepted; data-URL images make bodies big, real gateways cap them too. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer | "too_large"> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) return "too_large";
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** `{"error":{"message","type","code","param"}}`, the shape OpenAI clients parse. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: ErrorFields,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { param: null, ...error } }, headers);
}

/** Waits `ms`, or less if the signal fires (client gone, server closing). Never rejects. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/** Resolves when the signal fires: how `stall` stays silent until the client leaves. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** Writes, waiting for 'drain' under backpressure so a slow reader never buffers the whole answer. */
export async function write(res: ServerResponse, data: string | Buffer, signal: AbortSignal): Promise<void> {
  if (signal.aborted || res.destroyed) return;
  if (res.write(data)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.on("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
