"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { leaveConversation } from "./chat-actions";
import { useChatStore } from "./chat-store";
import { ApiRequestError, fetchConversation } from "./conversations-api";
import { queryKeys } from "./keys";
import { showConversation, showNewChat } from "./open-conversation";
import { useRouteConversationId } from "./use-route-conversation";

export type OpenState = "ready" | "loading" | "not-found" | "error";

/**
 * Keeps the chat on screen in step with the URL: `/c/<id>` loads that conversation from the
 * server (always fresh: the cache may predate the last turn), `/` empties the chat.
 * It reacts to the URL only, never to the store: when the chat saves a new conversation it sets
 * the store's id first and then replaces the URL, so by the time the URL moves the ids match and
 * nothing reloads (or stops) the answer that is streaming.
 */
export function useOpenConversation(): { state: OpenState; retry: () => void } {
  const routeId = useRouteConversationId();
  const qc = useQueryClient();
  const [state, setState] = useState<OpenState>("ready");
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load (Try again).
  useEffect(() => {
    if (routeId === useChatStore.getState().conversationId) {
      setState("ready");
      return;
    }
    if (routeId === null) {
      showNewChat();
      setState("ready");
      return;
    }
    let cancelled = false;
    // Another conversation was chosen mid-answer: the answer goes on on the server.
    leaveConversation();
    setState("loading");
    qc.fetchQuery({
      queryKey: queryKeys.conversations.detail(routeId),
      queryFn: ({ signal }) => fetchConversation(routeId, signal),
      staleTime: 0,
      retry: false,
    })
      .then((detail) => {
        if (cancelled) return;
        showConversation(detail);
        setState("ready");
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setState(e instanceof ApiRequestError && e.status === 404 ? "not-found" : "error");
      });
    return () => {
      cancelled = true;
    };
  }, [routeId, qc, attempt]);

  return { state, retry: () => setAttempt((n) => n + 1) };
}
