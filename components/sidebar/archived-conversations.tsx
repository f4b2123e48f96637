"use client";
import { useConversationList } from "@/lib/client/use-conversation-list";
import { ConversationSection } from "./conversation-section";
import { LoadMore } from "./load-more";

/** The "Archived" view: archived conversations, each with Unarchive and Delete. */
export function ArchivedConversations({ currentId }: { currentId: string | null }) {
  const archived = useConversationList("archived");
  if (archived.isPending) return <p className="px-2 py-3 text-sm text-fg-muted">Loading…</p>;
  if (archived.isError) {
    return (
      <p role="alert" className="px-2 py-3 text-sm text-danger">
        The archived conversations could not be loaded.
      </p>
    );
  }
  if (archived.items.length === 0) {
    return <p className="px-2 py-3 text-sm text-fg-muted">Nothing archived.</p>;
  }
  return (
    <>
      <ConversationSection title="Archived" items={archived.items} currentId={currentId} />
      <LoadMore {...archived} />
    </>
  );
}
