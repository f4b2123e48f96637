import { formatFrame, type ParleyEventMap, type ParleyEventName } from "@/lib/stream/events";
import type { FrameSink } from "./frame-sink";

const encoder = new TextEncoder();

/**
 * Writes SSE frames to the browser with increasing ids, and a `: ping` comment whenever the
 * stream has been silent for `pingMs` (proxies and browsers drop idle connections; a ping also
 * lets the client tell a slow model from a dead connection).
 *
 * The ping timer is re-armed lazily: each write only records a timestamp, and the single timer
 * checks it when it fires. Re-creating a timer per event would cost more than the event itself.
 */
export class FrameWriter implements FrameSink {
  private nextId = 1;
  private lastWriteAt = Date.now();
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly controller: ReadableStreamDefaultController<Uint8Array>,
    private readonly pingMs: number,
  ) {
    this.armPing(pingMs);
  }

  /** A gateway chunk, relayed byte for byte as the data of an unnamed event. */
  chunk(data: string): void {
    this.write(formatFrame(this.nextId++, null, data));
  }

  event<K extends ParleyEventName>(name: K, payload: ParleyEventMap[K]): void {
    this.write(formatFrame(this.nextId++, name, JSON.stringify(payload)));
  }

  /** A frame with an id chosen elsewhere (a generation's event log): resumable by that id. */
  entry(id: number, event: string | null, data: string): void {
    this.write(event ? `id: ${id}\nevent: ${event}\ndata: ${data}\n\n` : `id: ${id}\ndata: ${data}\n\n`);
  }

  /** A frame without an id: a reader's last id stays what it was (SSE keeps the previous one). */
  notice<K extends ParleyEventName>(name: K, payload: ParleyEventMap[K]): void {
    this.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  get framesWritten(): number {
    return this.nextId - 1;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.pingTimer);
    try {
      this.controller.close();
    } catch {
      // Already closed because the browser went away; nothing left to flush.
    }
  }

  /** Stops writing without closing (the reader cancelled the stream). */
  detach(): void {
    this.closed = true;
    clearTimeout(this.pingTimer);
  }

  private write(text: string): void {
    if (this.closed) return;
    this.lastWriteAt = Date.now();
    try {
      this.controller.enqueue(encoder.encode(text));
    } catch {
      this.detach();
    }
  }

  private armPing(delay: number): void {
    this.pingTimer = setTimeout(() => {
      if (this.closed) return;
      const silentFor = Date.now() - this.lastWriteAt;
      if (silentFor >= this.pingMs) {
        this.write(": ping\n\n");
        this.armPing(this.pingMs);
      } else {
        this.armPing(this.pingMs - silentFor);
      }
    }, delay);
    // A ping timer must never keep a process alive on its own (tests, shutdown).
    this.pingTimer.unref?.();
  }
}
