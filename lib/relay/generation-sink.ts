import "server-only";
import type { Db } from "@/lib/db/connect";
import { saveAssistantProgress } from "@/lib/db/queries/progress";
import { END_EVENT, type EventLog } from "@/lib/generations/event-log";
import { logger } from "@/lib/observability/logger";
import { snapshotBuilder } from "@/lib/stream/builder-snapshot";
import type { ParleyEventMap, ParleyEventName, StreamFrame } from "@/lib/stream/events";
import { applyFrame, type BuiltMessage, build, type MessageBuilder } from "@/lib/stream/message-builder";
import type { MessageStatus } from "@/lib/stream/message-parts";
import type { FrameSink } from "./frame-sink";
import { ProgressSaver } from "./progress-saver";

/** "At least once a second", with room for the save itself inside that second. */
export const SAVE_INTERVAL_MS = 800;

type Target = { db: Db; userId: string; messageId: string; generationId: string };

/**
 * Where a server-owned generation writes. Each frame gets the next event id, goes into the
 * generation's event log (which every reader follows) and into the same message builder the
 * browser runs, so what is saved is what readers assemble. The answer is saved while it streams
 * (throttled) with the id of the last event it includes and the builder's state at that event:
 * a reader that loads that snapshot and follows the log from that id ends with the same message.
 */
export class GenerationSink implements FrameSink {
  private nextId = 1;
  private readonly saver: ProgressSaver;

  constructor(
    private readonly log: EventLog,
    private readonly builder: MessageBuilder,
    private readonly target: Target,
    /** Sees every frame with the time it was written (a comparison measures its runs here). */
    private readonly observe?: (frame: StreamFrame, now: number) => void,
  ) {
    this.saver = new ProgressSaver(() => this.save(), SAVE_INTERVAL_MS);
  }

  chunk(data: string): void {
    this.write(null, data, { kind: "chunk", data });
  }

  event<K extends ParleyEventName>(name: K, payload: ParleyEventMap[K]): void {
    this.write(name, JSON.stringify(payload), { kind: name, data: payload } as StreamFrame);
  }

  /** The id of the last frame written (0 before any). */
  get lastEventId(): number {
    return this.nextId - 1;
  }

  /**
   * The answer is over (done, stopped or failed): the final save, awaited, with its status. The
   * log stays open for what follows the answer (the title) until `end()`.
   */
  async finish(): Promise<BuiltMessage & { status: MessageStatus }> {
    let final = build(this.builder);
    if (final.status === "streaming") {
      // The turn ended without `parley.done` (a bug, not a gateway failure): never leave it open.
      final = {
        ...final,
        status: "error",
        meta: { ...final.meta, error: { code: "internal", message: "The answer ended unexpectedly." } },
      };
    }
    await this.saver.close(() => this.save(final));
    return final;
  }

  /** Nothing more will be written: readers end, and the log expires after a while. */
  end(): void {
    this.log.append(this.target.generationId, [{ id: this.nextId++, event: END_EVENT, data: "{}" }]);
    this.log.close(this.target.generationId);
  }

  private write(event: string | null, data: string, frame: StreamFrame): void {
    const id = this.nextId++;
    const now = Date.now();
    try {
      applyFrame(this.builder, frame, now);
      this.observe?.(frame, now);
    } catch (e) {
      // Readers assemble the frame themselves; a builder bug must not break their stream.
      logger.error({ err: e, generationId: this.target.generationId }, "message builder failed");
    }
    this.log.append(this.target.generationId, [{ id, event, data }]);
    this.saver.touch();
  }

  private async save(final?: BuiltMessage): Promise<void> {
    // Read synchronously, before any await: the parts, the builder state and the event id must
    // describe the same moment, or a resumed reader would repeat or skip a frame.
    const lastEventId = this.lastEventId;
    const m = final ?? build(this.builder);
    const streamState = final ? null : snapshotBuilder(this.builder);
    const { db, userId, messageId } = this.target;
    try {
      await saveAssistantProgress(db, {
        userId,
        messageId,
        parts: m.parts,
        meta: m.meta,
        status: final ? m.status : undefined,
        lastEventId,
        streamState,
      });
    } catch (e) {
      logger.error({ err: e, messageId }, "saving the answer failed");
    }
  }
}
