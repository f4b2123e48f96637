/**
 * A brief memory of rarely changed rows the relay reads on every request (the admin's model
 * policy, a user's limits), so opening a stream does not wait on the database for them.
 *
 * Freshness: a write made through this process forgets the cached values at once (the query
 * functions that write call `forgetCached`), so an admin's change applies to the very next
 * request here. A write made by another instance is seen within `ttlMs` (one second by default)
 * plus one request: the same delay a rate window or a lease already allows between instances.
 *
 * Refresh ahead: a value older than `ttlMs` but younger than `maxStaleMs` is still answered at
 * once, while one reload runs behind it for the next request. A busy relay therefore never waits
 * on these reads (a request every second would otherwise pay a database round trip every other
 * time, on the path to the first byte); an idle one waits once, so a value is never older than
 * `maxStaleMs` when it is used.
 *
 * Only the reads are cached, never a count or a spend: budgets and per-minute limits are still
 * checked against the database (or Redis) on every request that has one.
 */
const DEFAULT_TTL_MS = 1000;
const DEFAULT_MAX_STALE_MS = 10_000;

type Entry = { at: number; value: Promise<unknown>; settled: boolean; refreshing: boolean };

const cache = globalThis as typeof globalThis & { __parleyReadCache?: Map<string, Entry> };
cache.__parleyReadCache ??= new Map();
const entries = cache.__parleyReadCache;

/** `load()`'s value for `key`, reused for `ttlMs`, then answered while it reloads; a failed load is not kept. */
export function cachedRead<T>(
  key: string,
  load: () => Promise<T>,
  ttlMs = DEFAULT_TTL_MS,
  maxStaleMs = DEFAULT_MAX_STALE_MS,
): Promise<T> {
  const now = performance.now();
  const hit = entries.get(key);
  if (hit) {
    const age = now - hit.at;
    if (age < ttlMs || !hit.settled) return hit.value as Promise<T>;
    if (age < maxStaleMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        // The reload replaces the entry only when it succeeds; a failure forgets the entry, so
        // the next request loads (and reports the error) itself.
        remember(key, load(), now).catch(() => undefined);
      }
      return hit.value as Promise<T>;
    }
  }
  return remember(key, load(), now, true);
}

/**
 * Stores `value` under `key`: at once (`now`, a first load that callers wait on), or once it has
 * loaded (a reload behind a value still being answered).
 */
function remember<T>(key: string, value: Promise<T>, at: number, immediately = false): Promise<T> {
  const entry: Entry = { at, value, settled: false, refreshing: false };
  if (immediately) entries.set(key, entry);
  const previous = entries.get(key);
  value.then(
    () => {
      entry.settled = true;
      // A write may have forgotten the key while this loaded: do not bring back what it replaced.
      if (!immediately && entries.get(key) === previous && previous !== undefined) entries.set(key, entry);
    },
    () => {
      if (entries.get(key) === entry || entries.get(key) === previous) entries.delete(key);
    },
  );
  return value;
}

/** Forgets every cached value whose key starts with `prefix` (all of them without one). */
export function forgetCached(prefix = ""): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}
