"use client";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { showNewChat } from "@/lib/client/open-conversation";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";

/**
 * A link to `/` (so it opens in a new tab too), filling the sidebar's top row beside the close
 * button. Already at `/`, the URL does not change and nothing would reset the chat, so the click
 * empties it directly.
 */
export function NewChatLink() {
  const routeId = useRouteConversationId();
  return (
    <Link
      href="/"
      data-testid="new-chat"
      onClick={() => {
        if (routeId === null) showNewChat();
      }}
      className={buttonVariants({ variant: "outline", align: "start", fill: true })}
    >
      <PlusIcon />
      New chat
    </Link>
  );
}
