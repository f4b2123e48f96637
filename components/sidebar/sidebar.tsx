"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ArchiveIcon, CloseIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { useUiStore } from "@/lib/client/ui-store";
import { useRouteConversationId } from "@/lib/client/use-route-conversation";
import { useTurnListEffects } from "@/lib/client/use-turn-list-effects";
import { ArchivedConversations } from "./archived-conversations";
import { ConversationHistory } from "./conversation-history";
import { NewChatLink } from "./new-chat-link";
import { SidebarTools } from "./sidebar-tools";

/**
 * The conversation list (held by the chat's layout: it stays mounted, scrolled where it was, from
 * one conversation to the next): a column from `md` up, a drawer below (opened from the header). As a
 * drawer it takes focus when it opens, gives it back when it closes, and Escape or a tap outside
 * closes it.
 */
export function Sidebar() {
  const open = useUiStore((s) => s.sidebarOpen);
  const setOpen = useUiStore((s) => s.setSidebarOpen);
  const currentId = useRouteConversationId();
  const [showArchived, setShowArchived] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useTurnListEffects();

  // Opening a conversation from the drawer closes it.
  useEffect(() => {
    void currentId;
    setOpen(false);
  }, [currentId, setOpen]);

  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    panel.current?.querySelector<HTMLElement>("a, button")?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, [open]);

  return (
    <>
      {open && (
        <div
          aria-hidden="true"
          className="fixed inset-0 z-30 bg-black/40 md:hidden"
          onClick={() => setOpen(false)}
        />
      )}
      <aside
        ref={panel}
        id="sidebar"
        data-testid="sidebar"
        aria-label="Conversations"
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
        className={cn(
          "w-72 max-w-[85vw] shrink-0 flex-col border-r border-border bg-subtle",
          open ? "fixed inset-y-0 left-0 z-40 flex shadow-xl md:static md:shadow-none" : "hidden md:flex",
        )}
      >
        <div className="flex items-center gap-2 p-2">
          <NewChatLink />
          <Button
            variant="ghost"
            size="icon"
            aria-label="Close conversations"
            onClick={() => setOpen(false)}
            className="md:hidden"
          >
            <CloseIcon />
          </Button>
        </div>
        <SidebarTools />
        <nav
          aria-label={showArchived ? "Archived conversations" : "Conversation history"}
          className="min-h-0 flex-1 overflow-y-auto px-2 pb-2"
        >
          {showArchived ? (
            <ArchivedConversations currentId={currentId} />
          ) : (
            <ConversationHistory currentId={currentId} />
          )}
        </nav>
        <div className="border-t border-border p-2">
          <Button
            variant="ghost"
            size="sm"
            data-testid="archived-toggle"
            aria-pressed={showArchived}
            onClick={() => setShowArchived(!showArchived)}
            align="start"
            className="w-full"
          >
            <ArchiveIcon />
            {showArchived ? "Back to conversations" : "Archived"}
          </Button>
        </div>
      </aside>
    </>
  );
}
