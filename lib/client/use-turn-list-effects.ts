"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { findConversation, placeConversation } from "./conversation-cache";
import { queryKeys } from "./keys";
import { onTurnEvent } from "./turn-controller";

/**
 * The sidebar follows the turns the server announces: a conversation saved for the first time
 * appears at once, a finished turn moves it up, and the title the server generates replaces
 * "New chat" when `parley.title` arrives (no polling).
 */
export function useTurnListEffects(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      onTurnEvent((e) => {
        if (e.type === "saved" && e.newConversation) {
          void qc.invalidateQueries({ queryKey: queryKeys.conversations.lists() });
        } else if (e.type === "ended") {
          void qc.invalidateQueries({ queryKey: queryKeys.conversations.lists() });
        } else if (e.type === "title") {
          const row = findConversation(qc, e.conversationId);
          if (row && !row.title) placeConversation(qc, e.conversationId, { ...row, title: e.title });
          // The title is saved before it is announced: a refetch now has it, and one that started
          // earlier (the turn's end) must not bring "New chat" back over it.
          void qc.invalidateQueries({ queryKey: queryKeys.conversations.lists() });
        }
      }),
    [qc],
  );
}
