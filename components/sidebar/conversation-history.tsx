"use client";
import { groupByDate } from "@/lib/client/date-groups";
import { useSidebarClock } from "@/lib/client/sidebar-clock";
import { useConversationList } from "@/lib/client/use-conversation-list";
import { ConversationSection } from "./conversation-section";
import { LoadMore } from "./load-more";

/** Pinned conversations first, then the rest by last activity: Today, Yesterday, … */
export function ConversationHistory({ currentId }: { currentId: string | null }) {
  const pinned = useConversationList("pinned");
  const active = useConversationList("active");
  const { now, timeZone } = useSidebarClock();
  const groups = groupByDate(active.items, now, timeZone);
  if (pinned.isPending || active.isPending) {
    return <p className="px-2 py-3 text-sm text-fg-muted">Loading conversations…</p>;
  }
  if (pinned.isError || active.isError) {
    return (
      <p role="alert" className="px-2 py-3 text-sm text-danger">
        The conversations could not be loaded.
      </p>
    );
  }
  if (pinned.items.length === 0 && active.items.length === 0) {
    return <p className="px-2 py-3 text-sm text-fg-muted">No conversations yet.</p>;
  }
  return (
    <>
      {pinned.items.length > 0 && (
        <ConversationSection title="Pinned" items={pinned.items} currentId={currentId} />
      )}
      <LoadMore {...pinned} />
      {groups.map((g) => (
        <ConversationSection key={g.group} title={g.group} items={g.items} currentId={currentId} />
      ))}
      <LoadMore {...active} />
    </>
  );
}
