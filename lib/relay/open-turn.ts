import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";
import { notFound } from "@/lib/db/errors";
import { isUuid } from "@/lib/db/ids";
import {
  createConversation,
  getConversation,
  updateConversationSettings,
} from "@/lib/db/queries/conversations";
import { appendUserMessage, createAssistantMessage } from "@/lib/db/queries/messages";
import { messages } from "@/lib/db/schema";
import type { ParleyEventMap } from "@/lib/stream/events";
import type { UserMessage } from "@/lib/stream/wire";
import type { ChatRequestBody, ConversationRef } from "@/lib/validations/chat";
import { storeUserParts, userText } from "./user-parts";

export type OpenedTurn = {
  saved: ParleyEventMap["parley.saved"];
  /** The conversation has no title yet: the turn's answer should give it one. */
  untitled: boolean;
  /** What the user asked this turn (text only), for the title. */
  question: string;
};

/**
 * Everything a saved turn writes before the gateway is called, in one transaction: the
 * conversation (new, or this user's existing one), the user's message (unless regenerating) and
 * an empty "streaming" assistant message. A crash after this point loses at most the answer's
 * last second; a failure inside it leaves nothing behind.
 *
 * Throws DbError: "not_found" for a conversation or parent message that is not this user's,
 * "invalid" for an image the store refuses.
 */
export async function openTurn(db: Db, userId: string, body: ChatRequestBody): Promise<OpenedTurn> {
  const ref = body.conversation as ConversationRef;
  const last = body.messages.at(-1) as UserMessage;
  return db.transaction(async (tx) => {
    let conversationId: string;
    let untitled: boolean;
    let parentId: string | null;
    if (ref.id) {
      const conv = await getConversation(tx, { userId, conversationId: ref.id });
      if (!conv) throw notFound("conversation");
      conversationId = conv.id;
      untitled = conv.title === "";
      parentId = ref.parentId === undefined ? conv.currentLeafId : ref.parentId;
      if (parentId !== null) await assertOwnMessage(tx, userId, conversationId, parentId);
      // The composer's model and settings are the conversation's from now on.
      if (conv.model !== body.model || JSON.stringify(conv.settings) !== JSON.stringify(body.settings)) {
        await updateConversationSettings(tx, {
          userId,
          conversationId,
          model: body.model,
          settings: body.settings,
        });
      }
    } else {
      const conv = await createConversation(tx, { userId, model: body.model, settings: body.settings });
      conversationId = conv.id;
      untitled = true;
      parentId = null;
    }

    let userMessageId: string | null = null;
    if (!ref.regenerate) {
      const parts = await storeUserParts(tx, userId, last);
      userMessageId = (await appendUserMessage(tx, { userId, conversationId, parentId, parts })).id;
    }
    // A regenerate hangs the new answer under the existing user message (schema: parentId set).
    const answerParent = userMessageId ?? (parentId as string);
    const assistant = await createAssistantMessage(tx, {
      userId,
      conversationId,
      parentId: answerParent,
      model: body.model,
    });
    return {
      saved: { conversationId, userMessageId, assistantMessageId: assistant.id },
      untitled,
      question: userText(last),
    };
  });
}

/** Another user's message id reads as "not found", exactly like an unknown one. */
async function assertOwnMessage(db: Db, userId: string, conversationId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound("message");
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.id, id), eq(messages.conversationId, conversationId), eq(messages.userId, userId)),
    );
  if (!row) throw notFound("message");
}
