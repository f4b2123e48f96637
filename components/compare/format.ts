import type { MetricKey } from "@/lib/compare/run-metrics";

/** A metric as people read it: ms as ms or s, speed with one decimal, cost in USD. */
export function formatMetric(key: MetricKey, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (key === "cost") return v < 0.01 ? `$${v.toFixed(5)}` : `$${v.toFixed(4)}`;
  if (key === "tokensPerSecond") return v.toFixed(1);
  if (key.endsWith("Ms")) return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
  return String(Math.round(v));
}

export const shortModel = (m: string | null) => (m ? m.replace(/^anthropic\//, "") : "hidden");
