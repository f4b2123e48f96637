"use client";
import { create } from "zustand";
import type { ChatMessage } from "./chat-types";

/**
 * The open conversation. Messages are kept by id plus an ordered id list, so a streaming update
 * re-renders only the message it touches (components select `byId[id]`). `load()` is where a
 * server-backed history (/c/[id]) will put a conversation it fetched.
 */
type ChatState = {
  conversationId: string | null;
  ids: string[];
  byId: Record<string, ChatMessage>;
  /** Id of the assistant message currently streaming, if any. */
  activeId: string | null;
  /**
   * Cursor for the page above the oldest loaded message (the messages API's `before`): the id of
   * the oldest server message loaded, or null when there is nothing older to fetch.
   */
  olderCursor: string | null;
  /** `olderCursor`: pass the first message's id when the server page says `hasMore`, else null. */
  load: (conversationId: string | null, messages: ChatMessage[], olderCursor?: string | null) => void;
  /**
   * Puts an older page above the loaded messages. Ignored if the user has switched conversation
   * or another load already moved the cursor (a stale response must not duplicate a page).
   */
  prependOlder: (
    conversationId: string,
    cursor: string,
    messages: ChatMessage[],
    olderCursor: string | null,
  ) => void;
  append: (...messages: ChatMessage[]) => void;
  update: (id: string, patch: Partial<ChatMessage>) => void;
  /** Removes the given messages (a failed turn being retried or resent). */
  remove: (ids: string[]) => void;
  setActive: (id: string | null) => void;
  /** The server saved the first turn of a new chat under this id. */
  setConversationId: (id: string) => void;
};

export const useChatStore = create<ChatState>((set) => ({
  conversationId: null,
  ids: [],
  byId: {},
  activeId: null,
  olderCursor: null,
  load: (conversationId, messages, olderCursor = null) =>
    set({
      conversationId,
      ids: messages.map((m) => m.id),
      byId: Object.fromEntries(messages.map((m) => [m.id, m])),
      activeId: null,
      olderCursor,
    }),
  prependOlder: (conversationId, cursor, messages, olderCursor) =>
    set((s) => {
      if (s.conversationId !== conversationId || s.olderCursor !== cursor) return s;
      const fresh = messages.filter((m) => !(m.id in s.byId));
      return {
        ids: [...fresh.map((m) => m.id), ...s.ids],
        byId: { ...s.byId, ...Object.fromEntries(fresh.map((m) => [m.id, m])) },
        olderCursor,
      };
    }),
  append: (...messages) =>
    set((s) => ({
      ids: [...s.ids, ...messages.map((m) => m.id)],
      byId: { ...s.byId, ...Object.fromEntries(messages.map((m) => [m.id, m])) },
    })),
  update: (id, patch) =>
    set((s) => {
      const current = s.byId[id];
      if (!current) return s;
      return { byId: { ...s.byId, [id]: { ...current, ...patch } } };
    }),
  remove: (ids) =>
    set((s) => {
      const drop = new Set(ids);
      const byId = { ...s.byId };
      for (const id of ids) delete byId[id];
      return { ids: s.ids.filter((id) => !drop.has(id)), byId };
    }),
  setActive: (activeId) => set({ activeId }),
  setConversationId: (conversationId) => set({ conversationId }),
}));

/** All messages in order (for building a request; components should select single fields). */
export function messagesInOrder(): ChatMessage[] {
  const { ids, byId } = useChatStore.getState();
  return ids.map((id) => byId[id]).filter((m): m is ChatMessage => Boolean(m));
}
