"use client";
import { create } from "zustand";

/**
 * The search dialog's open state (the Ctrl/Cmd+K shortcut and the sidebar button share it), and
 * the message a chosen result asked to reveal. `nonce` changes on every request, so choosing the
 * same result twice scrolls to it twice even though the URL (`?m=`) did not change.
 */
type SearchState = {
  open: boolean;
  setOpen: (open: boolean) => void;
  target: { conversationId: string; messageId: string; nonce: number } | null;
  /**
   * The `?m=` this request came from or leads to; the URL watcher skips it, so a chosen result
   * is not revealed a second time when its URL arrives. Null when the URL has no `?m=`.
   */
  linked: string | null;
  reveal: (conversationId: string, messageId: string) => void;
};

let nonce = 0;

export const useSearchStore = create<SearchState>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  target: null,
  linked: null,
  reveal: (conversationId, messageId) =>
    set({ target: { conversationId, messageId, nonce: ++nonce }, linked: messageId }),
}));
