"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { LinkIcon } from "@/components/ui/icons";
import { useChatStore } from "@/lib/client/chat-store";
import { queryKeys } from "@/lib/client/keys";
import { absoluteShareUrl, copyText, createShareLink } from "@/lib/client/shares-api";
import { useToastStore } from "@/lib/client/toast-store";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";

/**
 * "Share": snapshots the branch on screen into a read-only link and copies it. Off while an
 * answer streams (the link would freeze it half-written) and for a chat not yet saved.
 */
export function ShareButton() {
  const routeId = useRouteConversationId();
  const storeId = useChatStore((s) => s.conversationId);
  const streaming = useChatStore((s) => s.activeId !== null);
  const empty = useChatStore((s) => s.ids.length === 0);
  const conversationId = routeId ?? storeId;
  const toast = useToastStore((s) => s.show);
  const client = useQueryClient();
  const share = useMutation({
    mutationFn: (id: string) => createShareLink(id),
    onSuccess: async ({ share }) => {
      void client.invalidateQueries({ queryKey: queryKeys.shares });
      const url = absoluteShareUrl(share.url);
      const copied = await copyText(url);
      toast({ message: copied ? `Link copied: ${url}` : `Share link: ${url}` });
    },
    onError: (e) => toast({ tone: "error", message: `Could not share: ${(e as Error).message}` }),
  });
  return (
    <Button
      variant="ghost"
      size="icon"
      data-testid="share-conversation"
      aria-label="Share a read-only link"
      title="Share a read-only link"
      disabled={!conversationId || streaming || empty || share.isPending}
      onClick={() => conversationId && share.mutate(conversationId)}
    >
      <LinkIcon />
    </Button>
  );
}
