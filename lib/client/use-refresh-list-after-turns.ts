"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useChatStore } from "./chat-store";
import { findConversation } from "./conversation-cache";
import { queryKeys } from "./keys";
import { watchForTitle } from "./watch-title";

/**
 * The sidebar learns about the chat's turns from the chat store: a conversation saved for the
 * first time shows up at once, and a finished turn refetches the list so its new position shows,
 * then waits for the title the server generates after the answer.
 */
export function useRefreshListAfterTurns(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      useChatStore.subscribe((s, prev) => {
        const turnEnded = prev.activeId !== null && s.activeId === null;
        const firstSaved = s.activeId !== null && s.conversationId !== null && prev.conversationId === null;
        if (!turnEnded && !firstSaved) return;
        const id = s.conversationId;
        void qc.invalidateQueries({ queryKey: queryKeys.conversations.lists() }).then(() => {
          if (turnEnded && id && findConversation(qc, id)?.title === "") void watchForTitle(qc, id);
        });
      }),
    [qc],
  );
}
