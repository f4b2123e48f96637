"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ArchiveIcon, PencilIcon, PinIcon, TrashIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import type { ConversationRecord } from "@/lib/client/conversations-api";
import { useConversationActions } from "@/lib/client/use-conversation-actions";
import { useHydrated } from "@/lib/client/use-hydrated";
import { RenameField } from "./rename-field";

export const UNTITLED = "New chat";

type Props = { conversation: ConversationRecord; current: boolean };

/**
 * One conversation in the sidebar: a link, and its actions (shown on hover or keyboard focus,
 * always on touch screens). The title shows in the row's tooltip when truncated.
 * The actions are drawn once the page is hydrated: before that they could not answer a click, and
 * four buttons with icons per row were most of the server-drawn sidebar's HTML (first paint).
 */
export const ConversationItem = memo(function ConversationItem({ conversation: c, current }: Props) {
  const actions = useConversationActions();
  const router = useRouter();
  const hydrated = useHydrated();
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const title = c.title || UNTITLED;
  const stopRenaming = () => {
    setRenaming(false);
    // Back to where the keyboard user was (the link is not there while editing).
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const remove = () => {
    actions.remove(c);
    if (current) router.push("/");
  };

  return (
    <li
      data-testid="conversation-item"
      data-conversation-id={c.id}
      data-pinned={c.pinned}
      data-archived={c.archived}
      className="group relative"
    >
      {renaming ? (
        <RenameField
          initial={c.title}
          onSave={(t) => {
            actions.rename(c.id, t);
            stopRenaming();
          }}
          onCancel={stopRenaming}
        />
      ) : (
        <Link
          href={`/c/${c.id}`}
          aria-current={current ? "page" : undefined}
          title={title}
          data-testid="conversation-link"
          className={cn(
            "block truncate rounded-md px-2 py-1.5 text-sm outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring",
            "group-focus-within:pr-32 group-hover:pr-32 [@media(hover:none)]:pr-32",
            current && "bg-muted font-medium",
          )}
        >
          {title}
        </Link>
      )}
      {hydrated && !renaming && (
        <div
          className={cn(
            // Narrower than half the row, so the row's middle is always the link; the gaps between
            // the buttons let clicks through to it too.
            "pointer-events-none absolute inset-y-0 right-1 flex items-center gap-0.5 opacity-0 transition-opacity *:pointer-events-auto",
            "group-focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100",
          )}
        >
          {!c.archived && (
            <Button
              variant="ghost"
              size="icon-sm"
              data-testid="pin-button"
              aria-label={c.pinned ? `Unpin “${title}”` : `Pin “${title}”`}
              aria-pressed={c.pinned}
              onClick={() => actions.setPinned(c.id, !c.pinned)}
              className={cn(c.pinned && "text-primary")}
            >
              <PinIcon />
            </Button>
          )}
          <Button
            ref={renameButton}
            variant="ghost"
            size="icon-sm"
            data-testid="rename-button"
            aria-label={`Rename “${title}”`}
            onClick={() => setRenaming(true)}
          >
            <PencilIcon />
          </Button>
          <Button
            variant="ghost"
            size="icon-sm"
            data-testid="archive-button"
            aria-label={c.archived ? `Unarchive “${title}”` : `Archive “${title}”`}
            onClick={() => actions.setArchived(c.id, !c.archived)}
          >
            <ArchiveIcon />
          </Button>
          <Button
            variant="ghost"
            size="icon-sm"
            data-testid="delete-button"
            aria-label={`Delete “${title}”`}
            onClick={remove}
            className="hover:text-danger"
          >
            <TrashIcon />
          </Button>
        </div>
      )}
    </li>
  );
});
