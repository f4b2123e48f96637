"use client";
import { useEffect } from "react";
import { useChatStore } from "./chat-store";
import { fetchConversation } from "./conversations-api";
import { showConversation } from "./open-conversation";
import { isStreaming } from "./turn-state";

let inFlight = false;

/**
 * Reads the open conversation's latest page once and, if the server has moved on (new messages,
 * or an answer being written), shows it — an answer still streaming is then followed live from
 * its saved snapshot.
 */
export async function catchUpWithServer(): Promise<void> {
  const { conversationId, byId } = useChatStore.getState();
  if (!conversationId || inFlight || isStreaming() || document.visibilityState !== "visible") return;
  inFlight = true;
  try {
    const detail = await fetchConversation(conversationId);
    const state = useChatStore.getState();
    if (state.conversationId !== conversationId || isStreaming()) return;
    const last = detail.messages.at(-1);
    const onScreen = last ? byId[last.id] : undefined;
    // Moved on: a message this tab has not seen, an answer being written that this tab does
    // not follow, or one it shows as streaming that has ended. A local, unsaved error (a
    // refused send) is not the server moving on: it stays on screen.
    const moved =
      last !== undefined && (!onScreen || last.status === "streaming" || onScreen.status === "streaming");
    if (moved) showConversation(detail);
  } catch {
    // Offline or deleted meanwhile: what is on screen stays; the next return tries again.
  } finally {
    inFlight = false;
  }
}

/**
 * A tab left open on a conversation while another tab (or another device) added to it catches up
 * when the person comes back to it: on focus or when it becomes visible. No timer, no polling.
 */
export function useCatchUpOnReturn(): void {
  useEffect(() => {
    const onVisible = () => void catchUpWithServer();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, []);
}
