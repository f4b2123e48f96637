/**
 * An answer is saved while it streams (the relay calls this at least once a second and at the
 * end). A message leaves "streaming" exactly once: saves after that are ignored, so a late
 * throttled save can never overwrite the final state, nor revive an interrupted message.
 */
import { and, eq, sql } from "drizzle-orm";
import type { MessageMeta, MessagePart, MessageStatus } from "../../stream/message-parts";
import type { Db } from "../connect";
import { isUuid } from "../ids";
import { messages } from "../schema";

export async function saveAssistantProgress(
  db: Db,
  input: {
    userId: string;
    messageId: string;
    parts: MessagePart[];
    meta?: MessageMeta;
    /** Omit (or "streaming") for an intermediate save; a final status ends the message. */
    status?: MessageStatus;
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
 * Start-up: a message still "streaming" has lost its writer (the server died mid-answer). It
 * keeps what was saved (up to ~1 s before the crash) and is marked interrupted. Assumes one
 * Parley process per database, as a self-hosted install runs.
 */
export async function markInterruptedMessages(db: Db, input: { userId?: string } = {}): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ status: "interrupted", updatedAt: sql`now()` })
    .where(
      and(eq(messages.status, "streaming"), input.userId ? eq(messages.userId, input.userId) : undefined),
    )
    .returning({ id: messages.id });
  return rows.length;
}
