"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { findConversation, placeConversation } from "./conversation-cache";
import { whenIdle } from "./idle-queue";
import { queryKeys } from "./keys";
import { onTurnEvent } from "./turn-state";

/**
 * The sidebar follows the turns the server announces: a conversation saved for the first time
 * appears, a finished turn moves it up, and the title the server generates replaces "New chat"
 * when `parley.title` arrives (no polling).
 *
 * The refreshes wait for idle time: they come with the turn's first and last frames (the URL
 * change, the final render of the answer), and landing in the same task would make it a long one.
 * The refetch keeps unchanged rows as the same objects (React Query's structural sharing), so only
 * the rows that moved or changed render again.
 */
export function useTurnListEffects(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const refresh = () =>
      whenIdle(() => void qc.invalidateQueries({ queryKey: queryKeys.conversations.lists() }));
    return onTurnEvent((e) => {
      if (e.type === "saved" && e.newConversation) {
        refresh();
      } else if (e.type === "ended") {
        refresh();
      } else if (e.type === "title") {
        const row = findConversation(qc, e.conversationId);
        if (row && !row.title) placeConversation(qc, e.conversationId, { ...row, title: e.title });
        // The title is saved before it is announced: a refetch now has it, and one that started
        // earlier (the turn's end) must not bring "New chat" back over it.
        refresh();
      }
    });
  }, [qc]);
}
