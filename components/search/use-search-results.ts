"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys } from "@/lib/client/keys";
import type { SearchHit } from "@/lib/db/queries/search";

/** A hit as JSON carries it. */
export type SearchResult = Omit<SearchHit, "createdAt"> & { createdAt: string };

/** Long enough that typing a word sends one request, short enough to feel live. */
const DEBOUNCE_MS = 200;
const LIMIT = 20;
/** One empty list, so "no results" is the same value on every render. */
const NONE: SearchResult[] = [];

async function fetchResults(q: string, signal: AbortSignal): Promise<SearchResult[]> {
  const res = await fetch(`/api/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`, { signal });
  const body = (await res.json().catch(() => null)) as {
    results?: SearchResult[];
    error?: { message?: string };
  } | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `Search failed (HTTP ${res.status}).`);
  return body?.results ?? [];
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Results for what is typed, once typing pauses. The previous results stay on screen while the
 * next ones load, so the list does not flash empty between keystrokes; TanStack Query aborts a
 * request whose query was superseded.
 */
export function useSearchResults(input: string) {
  const q = useDebounced(input.trim(), DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.search.query(q),
    queryFn: ({ signal }) => fetchResults(q, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const settled = q === input.trim() && !query.isFetching;
  return { q, results: q ? (query.data ?? NONE) : NONE, error: query.error, settled };
}
