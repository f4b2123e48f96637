"use client";
import { useId } from "react";
import type { ConversationRecord } from "@/lib/client/conversations-api";
import { ConversationItem } from "./conversation-item";

type Props = { title: string; items: ConversationRecord[]; currentId: string | null };

/** A headed group of rows ("Pinned", "Today", …), labelled for screen-reader navigation. */
export function ConversationSection({ title, items, currentId }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="conversation-group" data-group={title}>
      <h2 id={headingId} className="px-2 pt-3 pb-1 text-xs font-medium text-fg-muted">
        {title}
      </h2>
      <ul className="flex flex-col gap-px">
        {items.map((c) => (
          <ConversationItem key={c.id} conversation={c} current={c.id === currentId} />
        ))}
      </ul>
    </section>
  );
}
