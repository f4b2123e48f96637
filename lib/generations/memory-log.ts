import { END_EVENT, type EventLog, type FollowListener, type LogEntry } from "./event-log";

type Log = {
  entries: LogEntry[];
  /** Id of entries[0]; ids are contiguous, so the entry after id N sits at N - firstId + 1. */
  firstId: number;
  closed: boolean;
  listeners: Set<FollowListener>;
};

/**
 * The event log of one process: enough for a single Parley instance (the default), and the local
 * copy the Redis log keeps of the generations this instance writes, so its own readers never
 * wait on a network round trip.
 */
export class MemoryEventLog implements EventLog {
  private readonly logs = new Map<string, Log>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  has(generationId: string): boolean {
    return this.logs.has(generationId);
  }

  open(generationId: string): void {
    if (this.logs.has(generationId)) return;
    this.logs.set(generationId, { entries: [], firstId: 1, closed: false, listeners: new Set() });
  }

  append(generationId: string, entries: LogEntry[]): void {
    const log = this.logs.get(generationId);
    if (!log || log.closed || entries.length === 0) return;
    for (const e of entries) log.entries.push(e);
    if (log.entries.length > this.maxEntries) {
      // Capped: readers that far behind resume from the saved snapshot instead.
      const drop = log.entries.length - this.maxEntries;
      log.entries.splice(0, drop);
      log.firstId += drop;
    }
    for (const l of log.listeners) l.onEntries(entries);
    if (entries.at(-1)?.event === END_EVENT) this.close(generationId);
  }

  close(generationId: string): void {
    const log = this.logs.get(generationId);
    if (!log || log.closed) return;
    log.closed = true;
    log.listeners.clear();
    // Late readers (a reload right after the end) still replay it for a while.
    setTimeout(() => this.logs.delete(generationId), this.ttlMs).unref?.();
  }

  follow(generationId: string, afterId: number, listener: FollowListener): () => void {
    const log = this.logs.get(generationId);
    if (!log) {
      listener.onGone("unknown");
      return () => {};
    }
    if (afterId < log.firstId - 1) {
      listener.onGone("trimmed");
      return () => {};
    }
    const backlog = log.entries.slice(Math.max(afterId - log.firstId + 1, 0));
    if (backlog.length > 0) listener.onEntries(backlog);
    if (log.closed) return () => {};
    log.listeners.add(listener);
    return () => log.listeners.delete(listener);
  }

  /** The last id written, or 0. */
  lastId(generationId: string): number {
    const log = this.logs.get(generationId);
    return log ? log.firstId + log.entries.length - 1 : 0;
  }

  async terminate(generationId: string, events: Omit<LogEntry, "id">[]): Promise<void> {
    const log = this.logs.get(generationId);
    if (!log || log.closed) return;
    let id = this.lastId(generationId);
    this.append(
      generationId,
      events.map((e) => ({ ...e, id: ++id })),
    );
  }

  async flush(): Promise<void> {}
}
