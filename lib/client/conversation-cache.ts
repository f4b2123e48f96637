/**
 * Optimistic edits of the sidebar's cached pages. Each section ("active", "pinned", "archived")
 * is an infinite query; after a change a conversation belongs to exactly one section (or none,
 * once deleted), so one function places it: `placeConversation` drops it from every section it
 * no longer matches and updates or inserts it where it does.
 */
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { ConversationPage, ConversationRecord } from "./conversations-api";
import { type ConversationView, queryKeys } from "./keys";

export type ConversationPages = InfiniteData<ConversationPage, string | null>;

export function viewOf(c: Pick<ConversationRecord, "pinned" | "archived">): ConversationView {
  if (c.archived) return "archived";
  return c.pinned ? "pinned" : "active";
}

/** The server's order: newest activity first, ties by id (descending). */
function comesBefore(a: ConversationRecord, b: ConversationRecord): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.id > b.id;
}

export function withoutConversation(data: ConversationPages, id: string): ConversationPages {
  return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== id) })) };
}

/**
 * Replaces the row in place, or inserts it where the server would list it. A row that sorts
 * after everything loaded so far is left for a later page to bring (unless this is the last page).
 */
export function withConversation(data: ConversationPages, conv: ConversationRecord): ConversationPages {
  const present = data.pages.some((p) => p.items.some((c) => c.id === conv.id));
  if (present) {
    return {
      ...data,
      pages: data.pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === conv.id ? conv : c)) })),
    };
  }
  const pages = data.pages.map((p) => ({ ...p, items: [...p.items] }));
  for (const [i, page] of pages.entries()) {
    const at = page.items.findIndex((c) => comesBefore(conv, c));
    const isLast = i === pages.length - 1;
    if (at >= 0 || (isLast && page.nextCursor === null)) {
      page.items.splice(at >= 0 ? at : page.items.length, 0, conv);
      return { ...data, pages };
    }
  }
  if (pages.length === 0) return { pages: [{ items: [conv], nextCursor: null }], pageParams: [null] };
  return data;
}

export function findConversation(qc: QueryClient, id: string): ConversationRecord | undefined {
  for (const [, data] of qc.getQueriesData<ConversationPages>({
    queryKey: queryKeys.conversations.lists(),
  })) {
    const hit = data?.pages.flatMap((p) => p.items).find((c) => c.id === id);
    if (hit) return hit;
  }
  return undefined;
}

/** Puts `conv` in the section it now belongs to (or, for `null`, removes `id` everywhere). */
export function placeConversation(qc: QueryClient, id: string, conv: ConversationRecord | null): void {
  const target = conv ? viewOf(conv) : null;
  for (const view of ["active", "pinned", "archived"] as const) {
    qc.setQueryData<ConversationPages>(queryKeys.conversations.list(view), (data) => {
      if (!data) return data;
      return conv && view === target ? withConversation(data, conv) : withoutConversation(data, id);
    });
  }
}

/** Everything the sidebar has cached, to put back if the server refuses a change. */
export function snapshotLists(qc: QueryClient) {
  return qc.getQueriesData<ConversationPages>({ queryKey: queryKeys.conversations.lists() });
}

export function restoreLists(qc: QueryClient, snapshot: ReturnType<typeof snapshotLists>): void {
  for (const [key, data] of snapshot) qc.setQueryData(key, data);
}
