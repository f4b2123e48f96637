/**
 * Summaries of repeated runs: median, min, max, and p90 once there are enough runs for it to mean
 * something (10 or more). Pure; nulls (a figure a run did not have, e.g. thinking time without
 * reasoning) are left out.
 */
export type Summary = { n: number; median: number; min: number; max: number; p90?: number };

/** Linear interpolation between closest ranks (the "R-7" definition spreadsheets use). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function summarise(values: readonly (number | null | undefined)[]): Summary | null {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const s: Summary = {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
  };
  if (sorted.length >= 10) s.p90 = quantile(sorted, 0.9);
  return s;
}
