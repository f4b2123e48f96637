/**
 * A brief memory of rarely changed rows the relay reads on every request (the admin's model
 * policy, a user's limits), so opening a stream does not wait on the database for them.
 *
 * Freshness: a write made through this process forgets the cached values at once (the query
 * functions that write call `forgetCached`), so an admin's change applies to the very next
 * request here. A write made by another instance is seen within `ttlMs` (one second by default):
 * the same delay a rate window or a lease already allows between instances.
 *
 * Only the reads are cached, never a count or a spend: budgets and per-minute limits are still
 * checked against the database (or Redis) on every request that has one.
 */
const DEFAULT_TTL_MS = 1000;

type Entry = { at: number; value: Promise<unknown> };

const cache = globalThis as typeof globalThis & { __parleyReadCache?: Map<string, Entry> };
cache.__parleyReadCache ??= new Map();
const entries = cache.__parleyReadCache;

/** `load()`'s value for `key`, reused for `ttlMs`; a failed load is not kept. */
export function cachedRead<T>(key: string, load: () => Promise<T>, ttlMs = DEFAULT_TTL_MS): Promise<T> {
  const now = performance.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  const entry = { at: now, value };
  entries.set(key, entry);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** Forgets every cached value whose key starts with `prefix` (all of them without one). */
export function forgetCached(prefix = ""): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}
