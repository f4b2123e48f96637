"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type ConversationRecord, fetchConversationPage } from "./conversations-api";
import { type ConversationView, queryKeys } from "./keys";

/** One sidebar section, page by page (keyset cursors from the API). */
export function useConversationList(view: ConversationView) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversations.list(view),
    queryFn: ({ pageParam, signal }) => fetchConversationPage(view, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
  // An optimistic insert can meet the same row again on a later page: show it once.
  const items = useMemo(() => {
    const seen = new Set<string>();
    const out: ConversationRecord[] = [];
    for (const c of query.data?.pages.flatMap((p) => p.items) ?? []) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        out.push(c);
      }
    }
    return out;
  }, [query.data]);
  return { ...query, items };
}
