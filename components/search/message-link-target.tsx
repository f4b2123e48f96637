"use client";
import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { useSearchStore } from "@/lib/client/search-store";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";
import { useRevealMessage } from "./use-reveal-message";

/**
 * `/c/<id>?m=<messageId>` (what choosing a search result opens, or a link someone kept): asks for
 * that message to be revealed. A chosen result has already asked, with a fresh nonce so choosing
 * it again works while the URL stays the same; this covers a link opened directly.
 */
export function MessageLinkTarget() {
  const messageId = useSearchParams().get("m");
  const conversationId = useRouteConversationId();
  useEffect(() => {
    const { linked, reveal } = useSearchStore.getState();
    if (messageId === linked) return;
    if (messageId && conversationId) reveal(conversationId, messageId);
    else useSearchStore.setState({ linked: null });
  }, [conversationId, messageId]);
  useRevealMessage();
  return null;
}
