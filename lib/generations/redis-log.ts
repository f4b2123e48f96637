import type { Redis } from "ioredis";
import { logger } from "@/lib/observability/logger";
import {
  END_EVENT,
  type EventLog,
  type FollowListener,
  type FollowOptions,
  type LogEntry,
} from "./event-log";
import { MemoryEventLog } from "./memory-log";

/**
 * The event log shared by several Parley instances. Each generation is a Redis Stream whose entry
 * ids are `0-<event id>`, so `XRANGE (0-N +` is exactly "the events after N". The writer adds a
 * batch per tick (one pipeline: XADD per entry, then one PUBLISH of the batch); readers on other
 * instances subscribe to the generation's channel first, then read the stream, and drop what they
 * already have, so nothing falls between the two. Streams are capped and expire after the end.
 *
 * The instance that writes a generation also keeps it in memory: its own readers (the usual case
 * behind a sticky load balancer) are served without a round trip.
 */
export class RedisEventLog implements EventLog {
  private readonly local: MemoryEventLog;
  private pending = new Map<string, LogEntry[]>();
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  /** channel → handlers on this instance (one Redis subscription per channel, however many readers). */
  private readonly channels = new Map<string, Set<(batch: LogEntry[]) => void>>();

  constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly opts: { maxEntries: number; ttlSeconds: number; prefix?: string },
  ) {
    this.local = new MemoryEventLog(opts.maxEntries, opts.ttlSeconds * 1000);
    subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => {
      const handlers = this.channels.get(channel.toString());
      if (!handlers) return;
      let batch: LogEntry[];
      try {
        batch = JSON.parse(message.toString()) as LogEntry[];
      } catch {
        return;
      }
      for (const h of handlers) h(batch);
    });
  }

  private key(id: string): string {
    return `${this.opts.prefix ?? "parley"}:gen:${id}:events`;
  }

  private channel(id: string): string {
    return `${this.opts.prefix ?? "parley"}:gen:${id}:live`;
  }

  open(generationId: string): void {
    this.local.open(generationId);
  }

  append(generationId: string, entries: LogEntry[]): void {
    this.local.append(generationId, entries);
    const queue = this.pending.get(generationId);
    if (queue) queue.push(...entries);
    else this.pending.set(generationId, [...entries]);
    if (!this.scheduled) {
      this.scheduled = true;
      // One pipeline per tick for every generation this instance writes.
      setImmediate(() => void this.flush());
    }
  }

  close(generationId: string): void {
    this.local.close(generationId);
  }

  async flush(): Promise<void> {
    this.scheduled = false;
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batches = this.pending;
    this.pending = new Map();
    const pipeline = this.commands.pipeline();
    for (const [id, entries] of batches) {
      const key = this.key(id);
      for (const e of entries) {
        pipeline.xadd(key, "MAXLEN", "~", this.opts.maxEntries, `0-${e.id}`, "e", e.event ?? "", "d", e.data);
      }
      const ended = entries.at(-1)?.event === END_EVENT;
      // Set once when the log starts (a writer that dies without an end still lets it go) and
      // shortened at the end: not on every batch.
      if (entries[0]?.id === 1) pipeline.expire(key, 24 * 3600);
      if (ended) pipeline.expire(key, this.opts.ttlSeconds);
      pipeline.publish(this.channel(id), JSON.stringify(entries));
    }
    this.flushing = pipeline
      .exec()
      .then((results) => {
        const failed = results?.find(([err]) => err);
        if (failed) logger.error({ reason: failed[0]?.message }, "event log: Redis write failed");
      })
      .catch((e: unknown) => logger.error({ err: e }, "event log: Redis write failed"))
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  follow(
    generationId: string,
    afterId: number,
    listener: FollowListener,
    options: FollowOptions,
  ): () => void {
    if (this.local.has(generationId)) return this.local.follow(generationId, afterId, listener);
    return this.followRemote(generationId, afterId, listener, options);
  }

  private followRemote(
    generationId: string,
    afterId: number,
    listener: FollowListener,
    options: FollowOptions,
  ): () => void {
    let last = afterId;
    let stopped = false;
    let catchingUp = true;
    let buffered: LogEntry[] = [];
    const channel = this.channel(generationId);

    const deliver = (entries: LogEntry[]) => {
      const fresh = entries.filter((e) => e.id > last);
      if (fresh.length === 0 || stopped) return;
      if (fresh[0]!.id !== last + 1) {
        // A batch was missed (a reconnect): read the gap from the stream, keep order.
        catchingUp = true;
        buffered.push(...fresh);
        void readStream();
        return;
      }
      last = fresh.at(-1)!.id;
      listener.onEntries(fresh);
      if (fresh.at(-1)!.event === END_EVENT) stop();
    };

    const onBatch = (batch: LogEntry[]) => {
      if (catchingUp) buffered.push(...batch);
      else deliver(batch);
    };

    const readStream = async () => {
      try {
        const rows = await this.commands.xrange(this.key(generationId), `(0-${last}`, "+");
        if (stopped) return;
        const entries = rows.map(([id, fields]) => toEntry(id, fields));
        if (entries.length > 0 && entries[0]!.id > last + 1) {
          stop();
          listener.onGone("trimmed");
          return;
        }
        // Nothing to read and the run is over: the log has expired (or never reached Redis).
        if (
          entries.length === 0 &&
          !options.running &&
          !(await this.commands.exists(this.key(generationId)))
        ) {
          stop();
          listener.onGone("unknown");
          return;
        }
        catchingUp = false;
        deliver(entries);
        const rest = buffered;
        buffered = [];
        if (rest.length > 0) deliver(rest);
      } catch (e) {
        logger.error({ err: e }, "event log: Redis read failed");
        stop();
        listener.onGone("unknown");
      }
    };

    const stop = () => {
      if (stopped) return;
      stopped = true;
      const handlers = this.channels.get(channel);
      handlers?.delete(onBatch);
      if (handlers && handlers.size === 0) {
        this.channels.delete(channel);
        void this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };

    let handlers = this.channels.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.channels.set(channel, handlers);
    }
    handlers.add(onBatch);
    // Subscribe first, then read: whatever is published meanwhile is buffered, then deduplicated.
    void this.subscriber
      .subscribe(channel)
      .then(() => readStream())
      .catch((e: unknown) => {
        logger.error({ err: e }, "event log: Redis subscribe failed");
        stop();
        listener.onGone("unknown");
      });
    return stop;
  }

  async terminate(generationId: string, events: Omit<LogEntry, "id">[]): Promise<void> {
    if (this.local.has(generationId)) {
      await this.local.terminate(generationId, events);
      return;
    }
    const key = this.key(generationId);
    const [lastRow] = await this.commands.xrevrange(key, "+", "-", "COUNT", 1);
    if (lastRow && toEntry(lastRow[0], lastRow[1]).event === END_EVENT) return;
    let id = lastRow ? Number(lastRow[0].split("-")[1]) : 0;
    const entries = events.map((e) => ({ ...e, id: ++id }));
    const pipeline = this.commands.pipeline();
    for (const e of entries) pipeline.xadd(key, `0-${e.id}`, "e", e.event ?? "", "d", e.data);
    pipeline.expire(key, this.opts.ttlSeconds);
    pipeline.publish(this.channel(generationId), JSON.stringify(entries));
    await pipeline.exec();
  }
}

function toEntry(id: string, fields: string[]): LogEntry {
  let event: string | null = null;
  let data = "";
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === "e") event = fields[i + 1] || null;
    else if (fields[i] === "d") data = fields[i + 1] ?? "";
  }
  return { id: Number(id.split("-")[1]), event, data };
}
