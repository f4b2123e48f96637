/**
 * An answer is saved while it streams (the relay calls this at least once a second and at the
 * end). A message leaves "streaming" exactly once: saves after that are ignored, so a late
 * throttled save can never overwrite the final state, nor revive an interrupted message.
 */
import { and, eq, sql } from "drizzle-orm";
import type { BuilderSnapshot } from "../../stream/builder-snapshot";
import type { MessageMeta, MessagePart, MessageStatus } from "../../stream/message-parts";
import type { Db } from "../connect";
import { isUuid } from "../ids";
import { generations, messages } from "../schema";

export async function saveAssistantProgress(
  db: Db,
  input: {
    userId: string;
    messageId: string;
    parts: MessagePart[];
    meta?: MessageMeta;
    /** Omit (or "streaming") for an intermediate save; a final status ends the message. */
    status?: MessageStatus;
    /** The last generation event these parts include, and the builder's state there (resume). */
    lastEventId?: number;
    streamState?: BuilderSnapshot | null;
  },
): Promise<boolean> {
  if (!isUuid(input.messageId)) return false;
  const meta = input.meta ?? {};
  const rows = await db
    .update(messages)
    .set({
      parts: input.parts,
      status: input.status ?? "streaming",
      updatedAt: sql`now()`,
      // Only fields the caller knows: an intermediate save must not clear usage set earlier.
      ...(meta.model !== undefined && { model: meta.model }),
      ...(meta.usage !== undefined && { usage: meta.usage }),
      ...(meta.ttftMs !== undefined && { ttftMs: Math.round(meta.ttftMs) }),
      ...(meta.totalMs !== undefined && { totalMs: Math.round(meta.totalMs) }),
      ...(meta.finishReason !== undefined && { finishReason: meta.finishReason }),
      ...(meta.error !== undefined && { error: meta.error }),
      ...(meta.droppedMessages !== undefined && { droppedMessages: meta.droppedMessages }),
      ...(input.lastEventId !== undefined && { lastEventId: input.lastEventId }),
      // A finished answer needs no resume state: its parts are final.
      ...(input.streamState !== undefined && { streamState: input.streamState }),
    })
    .where(
      and(
        eq(messages.id, input.messageId),
        eq(messages.userId, input.userId),
        eq(messages.status, "streaming"),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

/**
 * A message still "streaming" with no running generation has lost its writer (the process died
 * mid-answer, before generations existed or after its run was reaped). It keeps what was saved and
 * is marked interrupted. Messages a live run is writing are left alone, whichever instance runs it.
 */
export async function markInterruptedMessages(db: Db, input: { userId?: string } = {}): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ status: "interrupted", streamState: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(messages.status, "streaming"),
        input.userId ? eq(messages.userId, input.userId) : undefined,
        sql`not exists (select 1 from ${generations} g where g.message_id = ${messages.id} and g.status = 'running')`,
      ),
    )
    .returning({ id: messages.id });
  return rows.length;
}
