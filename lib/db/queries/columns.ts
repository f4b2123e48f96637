/**
 * Column selections shared by the queries: everything a caller needs, minus the tsvectors
 * (large, internal) and the owner id (callers already know it).
 */
import { type ConversationRow, conversations, type MessageRow, messages } from "../schema";

export type Conversation = Omit<ConversationRow, "userId" | "deletedAt" | "search" | "comparisonId">;
export type StoredMessage = Omit<MessageRow, "userId" | "search">;

export const conversationColumns = {
  id: conversations.id,
  title: conversations.title,
  model: conversations.model,
  settings: conversations.settings,
  pinned: conversations.pinned,
  archived: conversations.archived,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  currentLeafId: conversations.currentLeafId,
};

export const messageColumns = {
  id: messages.id,
  conversationId: messages.conversationId,
  parentId: messages.parentId,
  role: messages.role,
  parts: messages.parts,
  model: messages.model,
  usage: messages.usage,
  ttftMs: messages.ttftMs,
  totalMs: messages.totalMs,
  finishReason: messages.finishReason,
  status: messages.status,
  error: messages.error,
  droppedMessages: messages.droppedMessages,
  generationId: messages.generationId,
  lastEventId: messages.lastEventId,
  streamState: messages.streamState,
  createdAt: messages.createdAt,
  updatedAt: messages.updatedAt,
};

/** node-postgres and PGlite both answer `execute` with `{ rows }`; drizzle types it per driver. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
