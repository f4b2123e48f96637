"use client";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { showNewChat } from "@/lib/client/open-conversation";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";

/**
 * A link to `/` (so it opens in a new tab too). Already at `/`, the URL does not change and
 * nothing would reset the chat, so the click empties it directly.
 */
export function NewChatLink({ className }: { className?: string }) {
  const routeId = useRouteConversationId();
  return (
    <Link
      href="/"
      data-testid="new-chat"
      onClick={() => {
        if (routeId === null) showNewChat();
      }}
      className={cn(buttonVariants({ variant: "outline" }), "justify-start", className)}
    >
      <PlusIcon />
      New chat
    </Link>
  );
}
