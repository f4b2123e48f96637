import "server-only";
import type { Db } from "@/lib/db/connect";
import { saveAssistantProgress } from "@/lib/db/queries/progress";
import type { ParleyEventMap, ParleyEventName, StreamFrame } from "@/lib/stream/events";
import {
  applyFrame,
  type BuiltMessage,
  build,
  createMessageBuilder,
  type MessageBuilder,
  markStopped,
} from "@/lib/stream/message-builder";
import type { MessageStatus } from "@/lib/stream/message-parts";
import type { FrameSink } from "./chat-turn";
import { ProgressSaver } from "./progress-saver";

/** "At least once a second", with room for the save itself inside that second. */
export const SAVE_INTERVAL_MS = 800;

type Target = { db: Db; userId: string; messageId: string; model: string; startedAt: number };

/**
 * A FrameSink that passes every frame on to the browser unchanged and also feeds it to the same
 * message builder the browser runs, so what is saved is what was shown. The answer is saved while
 * it streams (throttled) and once more, awaited, with its final status.
 */
export class PersistingSink implements FrameSink {
  private readonly builder: MessageBuilder;
  private readonly saver: ProgressSaver;

  constructor(
    private readonly inner: FrameSink,
    private readonly target: Target,
  ) {
    this.builder = createMessageBuilder({ startedAt: target.startedAt, model: target.model });
    this.saver = new ProgressSaver(() => this.save(), SAVE_INTERVAL_MS);
  }

  chunk(data: string): void {
    this.inner.chunk(data);
    this.apply({ kind: "chunk", data });
  }

  event<K extends ParleyEventName>(name: K, payload: ParleyEventMap[K]): void {
    this.inner.event(name, payload);
    this.apply({ kind: name, data: payload } as StreamFrame);
  }

  /**
   * The turn is over: `aborted` means the browser left (Stop), which keeps the partial answer as
   * "stopped". Resolves after the final save, with the message as saved.
   */
  async finish(aborted: boolean): Promise<BuiltMessage & { status: MessageStatus }> {
    if (aborted) markStopped(this.builder, Date.now());
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

  private apply(frame: StreamFrame): void {
    try {
      applyFrame(this.builder, frame, Date.now());
    } catch (e) {
      // The browser already has the frame; a builder bug must not break its stream.
      console.error("[relay] message builder failed:", e);
      return;
    }
    this.saver.touch();
  }

  private async save(final?: BuiltMessage): Promise<void> {
    const m = final ?? build(this.builder);
    const { db, userId, messageId } = this.target;
    try {
      await saveAssistantProgress(db, {
        userId,
        messageId,
        parts: m.parts,
        meta: m.meta,
        status: final ? m.status : undefined,
      });
    } catch (e) {
      console.error(`[relay] saving message ${messageId} failed:`, e);
    }
  }
}
