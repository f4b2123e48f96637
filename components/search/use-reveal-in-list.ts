"use client";
import { useEffect, useRef } from "react";
import { useChatStore } from "@/lib/client/chat-store";
import { useSearchStore } from "@/lib/client/search-store";

type Options = {
  ids: string[];
  /** Scrolls the (virtualised) list so the row at this index is mounted and in view. */
  scrollToIndex: (index: number) => void;
  /** Whether older messages exist above the loaded ones, and a way to load the next page. */
  hasOlder: boolean;
  loadOlder: () => void;
};

/**
 * For the message list: once the message a search result asked for is loaded, scroll its row
 * into the middle of the view so it mounts (useRevealMessage then highlights it). A message older
 * than the loaded pages is fetched page by page, as scrolling up would. Once per request (nonce),
 * so later appends or a stream never pull the reader back to it.
 */
export function useRevealInList({ ids, scrollToIndex, hasOlder, loadOlder }: Options): void {
  const target = useSearchStore((s) => s.target);
  const conversationId = useChatStore((s) => s.conversationId);
  const handled = useRef<number | null>(null);
  const actions = useRef({ scrollToIndex, loadOlder });
  actions.current = { scrollToIndex, loadOlder };
  useEffect(() => {
    if (!target || handled.current === target.nonce) return;
    if (target.conversationId !== conversationId) return; // still loading the conversation
    const index = ids.indexOf(target.messageId);
    if (index < 0) {
      // Runs again when the page arrives (ids change) or there is nothing older (hasOlder).
      if (hasOlder) actions.current.loadOlder();
      return;
    }
    handled.current = target.nonce;
    actions.current.scrollToIndex(index);
  }, [target, conversationId, ids, hasOlder]);
}
