"use client";
import { useLayoutEffect, useMemo, useRef } from "react";
import { ChatSnapshotProvider, chatSnapshot, useChatStore } from "@/lib/client/chat-store";
import type { ConversationDetail } from "@/lib/client/conversations-api";
import { conversationSnapshot, showConversation, showNewChat } from "@/lib/client/open-conversation";
import { catchUpWithServer } from "@/lib/client/use-catch-up-on-return";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";
import { ConversationStatus } from "./conversation-status";
import { MessageList } from "./message-list";

/** A page older than this when it mounts came from the router's cache (back / forward). */
const FRESH_MS = 5_000;

type Props = {
  /** The conversation the server read for `/c/<id>`; null at `/` and for an unknown id. */
  detail: ConversationDetail | null;
  /** `/c/<id>` named no conversation of this user's. */
  missing?: boolean;
  /** When the server rendered the page (Date.now() there). */
  renderedAt: number;
};

/**
 * The page's part of the chat: the messages the server rendered, put in the chat store as the
 * page mounts. It follows the URL, not the page: when the chat saves a new conversation it sets
 * the store's id first and then replaces `/` with `/c/<id>` (no navigation), so by the time the
 * URL moves the ids match and nothing reloads (or stops) the answer that is streaming.
 */
export function ChatPane({ detail, missing = false, renderedAt }: Props) {
  const snapshot = useMemo(() => (detail ? conversationSnapshot(detail) : chatSnapshot(null, [])), [detail]);
  const routeId = useRouteConversationId();
  const hydrated = useHydrated();
  const fromServerHtml = useRef(!hydrated);
  const shown = useChatStore((s) => s.conversationId);

  useLayoutEffect(() => {
    if (routeId === useChatStore.getState().conversationId) return;
    if (detail && routeId === detail.conversation.id) {
      showConversation(detail, snapshot);
      // A page kept by the router (back / forward) may predate turns sent since.
      if (!fromServerHtml.current && Date.now() - renderedAt > FRESH_MS) void catchUpWithServer();
    } else if (routeId === null || missing) {
      showNewChat();
    }
  }, [routeId, detail, snapshot, missing, renderedAt]);

  // Unknown id: say so until the composer starts a conversation here.
  if (missing && shown === null) return <ConversationStatus state="not-found" />;
  return (
    <ChatSnapshotProvider snapshot={snapshot}>
      <MessageList />
    </ChatSnapshotProvider>
  );
}
