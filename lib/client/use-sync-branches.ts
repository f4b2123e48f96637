"use client";
import { useEffect } from "react";
import { savedIdOf } from "./branch-actions";
import { useChatStore } from "./chat-store";
import type { ChatMessage, MessageBranch } from "./chat-types";
import { fetchConversation } from "./conversations-api";

function sameBranch(a: MessageBranch | undefined, b: MessageBranch): boolean {
  return (
    a !== undefined &&
    a.parentId === b.parentId &&
    a.index === b.index &&
    a.siblingIds.length === b.siblingIds.length &&
    a.siblingIds.every((id, i) => id === b.siblingIds[i])
  );
}

/**
 * After a turn, reads the branch on screen back from the server and gives each message its
 * siblings, so an edit or a regenerate shows "2 / 2" at once. Only the tree data changes: the
 * streamed parts stay as they are (no re-render of the answer just read).
 */
export async function syncBranches(conversationId: string): Promise<void> {
  const shown = useChatStore.getState().ids.length;
  const detail = await fetchConversation(conversationId, undefined, Math.min(Math.max(shown, 1), 200));
  const state = useChatStore.getState();
  if (state.conversationId !== conversationId || state.activeId !== null) return;
  const records = new Map(detail.messages.map((m) => [m.id, m]));
  const byId: Record<string, ChatMessage> = { ...state.byId };
  let changed = false;
  for (const id of state.ids) {
    const message = byId[id];
    const record = records.get(savedIdOf(message) ?? "");
    if (!message || !record) continue;
    const branch = { parentId: record.parentId, siblingIds: record.siblingIds, index: record.siblingIndex };
    if (!sameBranch(message.branch, branch)) {
      byId[id] = { ...message, branch };
      changed = true;
    }
  }
  if (changed) useChatStore.setState({ byId });
}

/** Runs syncBranches whenever a turn of a saved conversation ends. */
export function useSyncBranchesAfterTurns(): void {
  useEffect(
    () =>
      useChatStore.subscribe((s, prev) => {
        if (prev.activeId === null || s.activeId !== null || !s.conversationId) return;
        if (s.conversationId !== prev.conversationId) return; // a load, not the end of a turn
        void syncBranches(s.conversationId).catch(() => undefined);
      }),
    [],
  );
}
