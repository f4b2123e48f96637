"use client";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useChatStore } from "./chat-store";
import type { ChatMessage } from "./chat-types";
import type { MessageRecord } from "./conversations-api";
import { chatMessageFromStored } from "./from-stored";

const PAGE_SIZE = 50;
/** Fetch while the user is still this far (px) from the top, so the page lands before they get there. */
const PREFETCH_PX = 1500;

export type OlderMessagesState = "idle" | "loading" | "error";

type MessagePage = { messages: MessageRecord[]; hasMore: boolean };

/** The store's `olderCursor` for a page from the server: its oldest message, if more lie above. */
export function olderCursorOf(page: MessagePage): string | null {
  return page.hasMore ? (page.messages[0]?.id ?? null) : null;
}

/** JSON mode is a conversation setting: older answers share it with the loaded ones. */
function conversationJsonMode(): boolean {
  const { ids, byId } = useChatStore.getState();
  for (const id of ids) if (byId[id]?.role === "assistant") return byId[id]?.jsonMode ?? false;
  return false;
}

/**
 * Loads the open conversation's older messages page by page as the user scrolls up, and
 * prepends them to the chat store (the list keeps the reading position; see message-list.tsx).
 * The cursor lives in the store (`olderCursor`), set by whoever loaded the latest page.
 * After a failed page it waits for `retry()` instead of hammering the server on every scroll.
 */
export function useOlderMessages(scroller: RefObject<HTMLElement | null>) {
  const conversationId = useChatStore((s) => s.conversationId);
  const cursor = useChatStore((s) => s.olderCursor);
  const [state, setState] = useState<OlderMessagesState>("idle");
  const stateRef = useRef<OlderMessagesState>("idle");
  const inFlight = useRef<AbortController | null>(null);

  const setBoth = useCallback((next: OlderMessagesState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const loadOlder = useCallback(async () => {
    const { conversationId: id, olderCursor } = useChatStore.getState();
    if (!id || !olderCursor || inFlight.current) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setBoth("loading");
    try {
      const url = `/api/conversations/${encodeURIComponent(id)}/messages?before=${encodeURIComponent(olderCursor)}&limit=${PAGE_SIZE}`;
      const res = await fetch(url, { signal: controller.signal });
      if (!res.ok) throw new Error(`older messages: HTTP ${res.status}`);
      const page = (await res.json()) as MessagePage;
      const jsonMode = conversationJsonMode();
      const messages = page.messages
        .map((m) => chatMessageFromStored(m, jsonMode))
        .filter((m): m is ChatMessage => m !== null);
      useChatStore.getState().prependOlder(id, olderCursor, messages, olderCursorOf(page));
      setBoth("idle");
    } catch (e) {
      if (controller.signal.aborted) return;
      console.warn("[chat]", e);
      setBoth("error");
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
  }, [setBoth]);

  /** Near the top (or the loaded page does not even fill the view): fetch the page above. */
  const check = useCallback(() => {
    const el = scroller.current;
    if (!el || stateRef.current === "error") return;
    const short = el.scrollHeight - el.clientHeight < PREFETCH_PX;
    if (short || el.scrollTop < PREFETCH_PX) void loadOlder();
  }, [scroller, loadOlder]);

  // A new conversation: drop the previous one's request and error.
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs per conversation on purpose
  useEffect(() => {
    setBoth("idle");
    return () => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [conversationId, setBoth]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.addEventListener("scroll", check, { passive: true });
    return () => el.removeEventListener("scroll", check);
  }, [scroller, check]);

  // After a load or a prepend, once the list has laid out (and jumped to the end), look again:
  // a short page or a user parked at the top needs the next page without another scroll.
  useEffect(() => {
    if (!conversationId || !cursor) return;
    const frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [conversationId, cursor, check]);

  const retry = useCallback(() => {
    setBoth("idle");
    void loadOlder();
  }, [setBoth, loadOlder]);

  return { state, hasOlder: cursor !== null, retry };
}
