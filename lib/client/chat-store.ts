"use client";
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useMemo,
  useSyncExternalStore,
} from "react";
import { createStore } from "zustand/vanilla";
import type { ChatMessage } from "./chat-types";

/** A loaded conversation, as the store holds it (what `load()` sets). */
export type ChatSnapshot = {
  conversationId: string | null;
  ids: string[];
  byId: Record<string, ChatMessage>;
  /**
   * Cursor for the page above the oldest loaded message (the messages API's `before`): the id of
   * the oldest server message loaded, or null when there is nothing older to fetch.
   */
  olderCursor: string | null;
};

/**
 * The open conversation. Messages are kept by id plus an ordered id list, so a streaming update
 * re-renders only the message it touches (components select `byId[id]`). The page of `/c/<id>`
 * puts the conversation the server loaded here (`loadSnapshot`, see open-conversation.ts).
 */
type ChatState = ChatSnapshot & {
  /** Id of the assistant message currently streaming, if any. */
  activeId: string | null;
  /** `olderCursor`: pass the first message's id when the server page says `hasMore`, else null. */
  load: (conversationId: string | null, messages: ChatMessage[], olderCursor?: string | null) => void;
  /** The same, keeping the snapshot's own arrays (so a render from it and from the store agree). */
  loadSnapshot: (snapshot: ChatSnapshot) => void;
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

export function chatSnapshot(
  conversationId: string | null,
  messages: ChatMessage[],
  olderCursor: string | null = null,
): ChatSnapshot {
  return {
    conversationId,
    ids: messages.map((m) => m.id),
    byId: Object.fromEntries(messages.map((m) => [m.id, m])),
    olderCursor,
  };
}

/**
 * One store per browser tab. On the server it is never written (it would be shared by every
 * request): a server render reads the conversation from `ChatSnapshotProvider` instead.
 */
const chatStore = createStore<ChatState>()((set) => ({
  conversationId: null,
  ids: [],
  byId: {},
  activeId: null,
  olderCursor: null,
  load: (conversationId, messages, olderCursor = null) =>
    set({ ...chatSnapshot(conversationId, messages, olderCursor), activeId: null }),
  loadSnapshot: (snapshot) => set({ ...snapshot, activeId: null }),
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

const ServerSnapshot = createContext<ChatState | null>(null);

/**
 * What the server rendered the chat from: read by the server render and by hydration (React's
 * server snapshot), so both show the same messages; the page loads the same arrays into the store
 * before the browser's first effects run, and nothing renders twice.
 */
export function ChatSnapshotProvider({
  snapshot,
  children,
}: {
  snapshot: ChatSnapshot;
  children: ReactNode;
}) {
  const state = useMemo(() => ({ ...chatStore.getInitialState(), ...snapshot }), [snapshot]);
  return createElement(ServerSnapshot.Provider, { value: state }, children);
}

function useChatSelector<T>(selector: (s: ChatState) => T): T {
  const server = useContext(ServerSnapshot) ?? chatStore.getInitialState();
  return useSyncExternalStore(
    chatStore.subscribe,
    () => selector(chatStore.getState()),
    () => selector(server),
  );
}

/** `useChatStore(selector)` in components; `useChatStore.getState()` and friends elsewhere. */
export const useChatStore = Object.assign(useChatSelector, chatStore);

/** All messages in order (for building a request; components should select single fields). */
export function messagesInOrder(): ChatMessage[] {
  const { ids, byId } = useChatStore.getState();
  return ids.map((id) => byId[id]).filter((m): m is ChatMessage => Boolean(m));
}
