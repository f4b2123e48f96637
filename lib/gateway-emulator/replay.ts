import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { sendError, sleep, write } from "./http";
import { SSE_HEADERS, type StreamOutcome } from "./stream";

/**
 * Replays a recorded response byte for byte: `.sse` files as an event stream, one event (a
 * blank-line-separated block, original line endings kept) per tick; `.json` files as one body,
 * with the status taken from the name (`quota.429.json` → 429, otherwise 200).
 */

/** Splits after each blank line (`\n\n`, `\r\n\r\n` or `\r\r`); the pieces concatenate to the input. */
export function splitEvents(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const a = bytes[i];
    const b = bytes[i + 1];
    let end = -1;
    if (a === 0x0a && b === 0x0a) end = i + 2;
    else if (a === 0x0d && b === 0x0a && bytes[i + 2] === 0x0d && bytes[i + 3] === 0x0a) end = i + 4;
    else if (a === 0x0d && b === 0x0d) end = i + 2;
    if (end < 0) continue;
    out.push(bytes.subarray(start, end));
    start = end;
    i = end - 1;
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

export function statusFromName(file: string): number {
  const m = /\.(\d{3})\.json$/i.exec(file);
  return m ? Number(m[1]) : 200;
}

export type ReplayOptions = { chunkMs: number; signal: AbortSignal; onChunk: () => void };

export async function sendReplay(
  res: ServerResponse,
  file: string,
  opts: ReplayOptions,
): Promise<StreamOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    const message = `Replay file not found: ${path.basename(file)}`;
    sendError(res, 404, { message, type: "invalid_request_error", code: "replay_not_found" });
    return "completed";
  }
  if (!file.toLowerCase().endsWith(".sse")) {
    res.writeHead(statusFromName(file), {
      "content-type": "application/json",
      "content-length": bytes.length,
    });
    res.end(bytes);
    return "completed";
  }
  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
  const events = splitEvents(bytes);
  for (const [i, event] of events.entries()) {
    if (i > 0) await sleep(opts.chunkMs, opts.signal);
    if (opts.signal.aborted) return "aborted";
    await write(res, event, opts.signal);
    opts.onChunk();
  }
  if (opts.signal.aborted) return "aborted";
  res.end();
  return "completed";
}

/** `[replay:NAME]` may only name a file directly inside the replay folder. */
export function safeReplayPath(dir: string, name: string): string | null {
  if (name !== path.basename(name) || name.startsWith(".")) return null;
  return path.join(dir, name);
}
