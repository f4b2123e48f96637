"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { isStreaming } from "@/lib/client/chat-actions";
import { useChatStore } from "@/lib/client/chat-store";
import { fetchConversation, patchConversation } from "@/lib/client/conversations-api";
import { queryKeys } from "@/lib/client/keys";
import { showConversation } from "@/lib/client/open-conversation";
import { useSearchStore } from "@/lib/client/search-store";
import { showToast } from "@/lib/client/toast-store";
import type { SearchResult } from "./use-search-results";

export function resultHref(hit: Pick<SearchResult, "conversationId" | "messageId">): string {
  const path = `/c/${encodeURIComponent(hit.conversationId)}`;
  return hit.messageId ? `${path}?m=${encodeURIComponent(hit.messageId)}` : path;
}

/** Shows the branch through `messageId` (as the "2 / 3" switcher would), reloading it if open. */
async function switchToBranchOf(conversationId: string, messageId: string): Promise<void> {
  await patchConversation(conversationId, { branchMessageId: messageId });
  // Another conversation loads fresh when its page opens; the open one has to be reloaded.
  const chat = useChatStore.getState();
  if (chat.conversationId === conversationId && !isStreaming()) {
    showConversation(await fetchConversation(conversationId));
  }
}

/**
 * Opens a result at its message. A message on another branch (an edited question, a regenerated
 * answer) is not on screen, so the conversation switches to that branch first.
 */
export function useOpenResult() {
  const router = useRouter();
  const qc = useQueryClient();
  return useCallback(
    async (hit: SearchResult) => {
      if (hit.messageId && !hit.onCurrentBranch) {
        try {
          await switchToBranchOf(hit.conversationId, hit.messageId);
          // Cached hits in this conversation still say which branch was shown before.
          await qc.invalidateQueries({ queryKey: queryKeys.search.all });
        } catch {
          showToast({ message: "Could not switch to the branch with that message.", tone: "error" });
        }
      }
      if (hit.messageId) useSearchStore.getState().reveal(hit.conversationId, hit.messageId);
      router.push(resultHref(hit));
    },
    [router, qc],
  );
}
