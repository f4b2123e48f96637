"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { isStreaming } from "./chat-actions";
import { useChatStore } from "./chat-store";
import { fetchConversation } from "./conversations-api";
import { queryKeys } from "./keys";
import { showConversation } from "./open-conversation";

/** How often to look again while another tab's answer is still being written. */
const POLL_MS = 1000;

/**
 * A conversation opened while another tab is still streaming into it shows a "streaming" answer
 * that this tab does not receive; re-read it from the server until it is finished.
 */
export function useFollowSavedStream(): void {
  const qc = useQueryClient();
  const conversationId = useChatStore((s) => s.conversationId);
  const writtenElsewhere = useChatStore(
    (s) => s.activeId === null && s.ids.some((id) => s.byId[id]?.status === "streaming"),
  );
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` schedules the next look.
  useEffect(() => {
    if (!writtenElsewhere || !conversationId) return;
    const timer = setTimeout(() => {
      void qc
        .fetchQuery({
          queryKey: queryKeys.conversations.detail(conversationId),
          queryFn: ({ signal }) => fetchConversation(conversationId, signal),
          staleTime: 0,
        })
        .then((detail) => {
          if (useChatStore.getState().conversationId === conversationId && !isStreaming()) {
            showConversation(detail);
          }
        })
        .catch(() => undefined)
        .finally(() => setTick((n) => n + 1));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [writtenElsewhere, conversationId, qc, tick]);
}
