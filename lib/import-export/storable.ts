/**
 * What PostgreSQL cannot store, checked before an import writes anything, so a file fails with
 * a clear message (or is quietly made storable) instead of a database error halfway through.
 */

/** Years 1–9999: what a file can sensibly hold; Postgres stops at 4713 BC, JavaScript goes further. */
const MIN_MS = Date.parse("0001-01-01T00:00:00.000Z");
const MAX_MS = Date.parse("9999-12-31T23:59:59.999Z");

export function isStorableDate(d: Date): boolean {
  const t = d.getTime();
  return Number.isFinite(t) && t >= MIN_MS && t <= MAX_MS;
}

/**
 * The value with every NUL character removed from its strings: Postgres text and jsonb refuse
 * "\u0000", and in a chat message it never carries meaning. Dates and bytes pass through.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string")
    return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}
