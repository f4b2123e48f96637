/**
 * Usage rows (day × user × model) folded into the series the charts draw. Pure and client-safe.
 */
export type UsageRowView = {
  day: string;
  userId: string;
  userName: string;
  model: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  costUsd: number;
};

export type Totals = { costUsd: number; tokens: number; requests: number };

export type Series = { key: string; costUsd: number; tokens: number; requests: number }[];

/** Sums rows by one dimension, sorted by the key (days) or by spend (users, models). */
export function sumBy(rows: UsageRowView[], dim: "day" | "user" | "model"): Series {
  const map = new Map<string, Totals>();
  for (const r of rows) {
    const key = dim === "day" ? r.day : dim === "user" ? r.userName || r.userId : r.model;
    const t = map.get(key) ?? { costUsd: 0, tokens: 0, requests: 0 };
    t.costUsd += r.costUsd;
    t.tokens += r.promptTokens + r.completionTokens;
    t.requests += r.requests;
    map.set(key, t);
  }
  const series = [...map].map(([key, t]) => ({ key, ...t }));
  return dim === "day"
    ? series.sort((a, b) => a.key.localeCompare(b.key))
    : series.sort((a, b) => b.costUsd - a.costUsd);
}

export function totals(rows: UsageRowView[]): Totals {
  return rows.reduce(
    (t, r) => ({
      costUsd: t.costUsd + r.costUsd,
      tokens: t.tokens + r.promptTokens + r.completionTokens,
      requests: t.requests + r.requests,
    }),
    { costUsd: 0, tokens: 0, requests: 0 },
  );
}

export const formatUsd = (n: number) => (n > 0 && n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);
export const formatCount = (n: number) => new Intl.NumberFormat("en", { notation: "compact" }).format(n);
