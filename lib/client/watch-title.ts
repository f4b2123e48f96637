"use client";
import type { QueryClient } from "@tanstack/react-query";
import { findConversation, placeConversation } from "./conversation-cache";
import { fetchConversation } from "./conversations-api";

/** The server names a conversation after its first answer's stream closes: ask a few times. */
const POLL_MS = 1000;
const MAX_POLLS = 25;
const watching = new Set<string>();

/**
 * Waits for the generated title of a just-answered, untitled conversation and puts it in the
 * sidebar. Reads one message per look (the cheapest detail request); gives up quietly, as the
 * server does when the title call fails (the next answer tries again).
 */
export async function watchForTitle(qc: QueryClient, conversationId: string): Promise<void> {
  if (watching.has(conversationId)) return;
  watching.add(conversationId);
  try {
    for (let i = 0; i < MAX_POLLS; i++) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const row = findConversation(qc, conversationId);
      if (!row || row.title) return; // Gone from the list, or renamed by the user meanwhile.
      const { conversation } = await fetchConversation(conversationId, undefined, 1);
      if (conversation.title) {
        placeConversation(qc, conversationId, { ...row, title: conversation.title });
        return;
      }
    }
  } catch {
    // Deleted meanwhile, or offline: the next list refetch shows whatever the server has.
  } finally {
    watching.delete(conversationId);
  }
}
