/**
 * Adding messages to the tree. The user's message is written before the gateway is called; the
 * assistant's starts empty as "streaming" and fills in through saveAssistantProgress. Both move
 * the conversation's current leaf to the new message, so a reload shows what was just sent.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { MessagePart, MessageStatus } from "../../stream/message-parts";
import type { Db } from "../connect";
import { DbError, notFound } from "../errors";
import { isUuid, newId } from "../ids";
import { conversations, type MessageRole, messages } from "../schema";
import { messageColumns, type StoredMessage } from "./columns";

type NewMessage = {
  /** A client-made UUID (the browser names its own message, so a resend is recognisable). */
  id?: string;
  userId: string;
  conversationId: string;
  /** Null for a root: the first message, or an edit of the first message (a root sibling). */
  parentId: string | null;
  role: MessageRole;
  parts: MessagePart[];
  model?: string | null;
  status?: MessageStatus;
};

async function insertMessage(db: Db, input: NewMessage): Promise<StoredMessage> {
  if (!isUuid(input.conversationId)) throw notFound("conversation");
  if (input.parentId !== null && !isUuid(input.parentId)) throw notFound("parent message");
  return db.transaction(async (tx) => {
    // Row lock: two messages sent at once both land, and the leaf ends on the later one.
    const [conv] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, input.conversationId),
          eq(conversations.userId, input.userId),
          isNull(conversations.deletedAt),
        ),
      )
      .for("update");
    if (!conv) throw notFound("conversation");
    if (input.parentId !== null) {
      const [parent] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.id, input.parentId),
            eq(messages.conversationId, input.conversationId),
            eq(messages.userId, input.userId),
          ),
        );
      if (!parent) throw new DbError("invalid", "the parent message is not in this conversation");
    }
    const [row] = await tx
      .insert(messages)
      .values({
        id: input.id ?? newId(),
        conversationId: input.conversationId,
        userId: input.userId,
        parentId: input.parentId,
        role: input.role,
        parts: input.parts,
        model: input.model ?? null,
        status: input.status ?? "done",
      })
      .returning(messageColumns);
    await tx
      .update(conversations)
      .set({ currentLeafId: row!.id, updatedAt: sql`now()` })
      .where(eq(conversations.id, input.conversationId));
    return row!;
  });
}

export function appendUserMessage(
  db: Db,
  input: {
    id?: string;
    userId: string;
    conversationId: string;
    parentId: string | null;
    parts: MessagePart[];
  },
): Promise<StoredMessage> {
  return insertMessage(db, { ...input, role: "user" });
}

/** A regenerate is this with the same parentId as the answer it replaces: a new sibling. */
export function createAssistantMessage(
  db: Db,
  input: {
    id?: string;
    userId: string;
    conversationId: string;
    parentId: string;
    model: string;
    status?: MessageStatus;
    parts?: MessagePart[];
  },
): Promise<StoredMessage> {
  return insertMessage(db, {
    ...input,
    role: "assistant",
    parts: input.parts ?? [],
    status: input.status ?? "streaming",
  });
}
