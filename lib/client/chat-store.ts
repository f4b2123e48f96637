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
  load: (conversationId: string | null, messages: ChatMessage[]) => void;
  append: (...messages: ChatMessage[]) => void;
  update: (id: string, patch: Partial<ChatMessage>) => void;
  /** Removes the given messages (a failed turn being retried or resent). */
  remove: (ids: string[]) => void;
  setActive: (id: string | null) => void;
};

export const useChatStore = create<ChatState>((set) => ({
  conversationId: null,
  ids: [],
  byId: {},
  activeId: null,
  load: (conversationId, messages) =>
    set({
      conversationId,
      ids: messages.map((m) => m.id),
      byId: Object.fromEntries(messages.map((m) => [m.id, m])),
      activeId: null,
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
}));

/** All messages in order (for building a request; components should select single fields). */
export function messagesInOrder(): ChatMessage[] {
  const { ids, byId } = useChatStore.getState();
  return ids.map((id) => byId[id]).filter((m): m is ChatMessage => Boolean(m));
}
