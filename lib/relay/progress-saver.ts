import { logger } from "@/lib/observability/logger";
/**
 * Throttles the saves of a streaming answer: at most one per `intervalMs` while something changed,
 * never two at once (a slow database must not pile up writes that could land out of order), and a
 * final save that waits for the one in flight. Failures are logged and the stream goes on: losing
 * a progress save must never cost the user the answer on screen.
 */
export class ProgressSaver {
  private lastStartedAt: number;
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // The row was just written (empty), so the first progress save is one interval away.
    this.lastStartedAt = now();
  }

  /** Something changed; a save will follow within `intervalMs` (plus a save in flight). */
  touch(): void {
    if (this.closed) return;
    this.dirty = true;
    this.pump();
  }

  /** Stops the throttled saves, waits for one in flight, then runs `last` (the final state). */
  async close(last: () => Promise<void>): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    await last();
  }

  private pump(): void {
    if (this.closed || this.running || this.timer || !this.dirty) return;
    const wait = this.lastStartedAt + this.intervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    this.dirty = false;
    this.lastStartedAt = this.now();
    this.running = this.save()
      .catch((e: unknown) => logger.error({ err: e }, "saving progress failed"))
      .finally(() => {
        this.running = null;
        this.pump();
      });
  }
}
