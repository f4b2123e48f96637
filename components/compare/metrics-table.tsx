"use client";
import { METRIC_KEYS, METRIC_LABELS, type RunMetrics } from "@/lib/compare/run-metrics";
import { summarise } from "@/lib/compare/stats";
import { formatMetric } from "./format";

export type ColumnRuns = { key: number; label: string; title: string; metrics: RunMetrics[] };

/**
 * The measured figures of one batch, per column: a single run's values, or over repeated runs
 * the median with min–max (and p90 from ten runs). Figures are the server's; cost computed from
 * the price table is marked estimated.
 */
export function MetricsTable({ columns }: { columns: ColumnRuns[] }) {
  const repeated = columns.some((c) => c.metrics.length > 1);
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-sm" data-testid="compare-metrics">
        <thead className="bg-subtle text-left">
          <tr>
            <th className="px-2 py-1.5 font-medium">{repeated ? "median (min–max)" : "metric"}</th>
            {columns.map((c) => (
              <th key={c.key} className="px-2 py-1.5 font-medium" data-testid="compare-metrics-column">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {METRIC_KEYS.map((key) => (
            <tr key={key} className="border-t border-border">
              <td className="px-2 py-1 text-fg-muted">{METRIC_LABELS[key]}</td>
              {columns.map((c) => {
                const s = summarise(c.metrics.map((m) => m[key]));
                const estimated = key === "cost" && c.metrics.some((m) => m.costEstimated);
                return (
                  <td
                    key={c.key}
                    className="px-2 py-1 tabular-nums"
                    data-testid={`metric-${key}`}
                    data-label={c.label}
                    data-median={s?.median ?? ""}
                    data-min={s?.min ?? ""}
                    data-max={s?.max ?? ""}
                    data-n={s?.n ?? 0}
                  >
                    {!s ? (
                      "–"
                    ) : s.n === 1 ? (
                      formatMetric(key, s.median)
                    ) : (
                      <>
                        {formatMetric(key, s.median)}{" "}
                        <span className="text-fg-muted">
                          ({formatMetric(key, s.min)}–{formatMetric(key, s.max)}
                          {s.p90 !== undefined && `, p90 ${formatMetric(key, s.p90)}`})
                        </span>
                      </>
                    )}
                    {estimated && s && <span className="ml-1 text-xs text-fg-muted">estimated</span>}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="border-t border-border">
            <td className="px-2 py-1 text-fg-muted">Finish reason</td>
            {columns.map((c) => (
              <td key={c.key} className="px-2 py-1" data-testid="metric-finishReason">
                {[...new Set(c.metrics.map((m) => m.finishReason ?? "–"))].join(", ") || "–"}
              </td>
            ))}
          </tr>
          <tr className="border-t border-border">
            <td className="px-2 py-1 text-fg-muted">Runs measured</td>
            {columns.map((c) => (
              <td key={c.key} className="px-2 py-1 tabular-nums" data-testid="metric-runs">
                {c.metrics.length}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
