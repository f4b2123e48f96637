"use client";
import { useState } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { METRIC_KEYS, METRIC_LABELS, type MetricKey } from "@/lib/compare/run-metrics";
import { summarise } from "@/lib/compare/stats";
import { formatMetric } from "./format";
import type { ColumnRuns } from "./metrics-table";

/**
 * A range plot per column for one metric: a bar from min to max and a dot at the median (p90 in
 * the tooltip). recharts lives in this file only and the page loads it with next/dynamic; colours
 * are the theme's CSS variables, so it reads in light and dark.
 */
export function MetricsChart({ columns }: { columns: ColumnRuns[] }) {
  const [metric, setMetric] = useState<MetricKey>("tokensPerSecond");
  const data = columns.map((c) => {
    const s = summarise(c.metrics.map((m) => m[metric]));
    return {
      name: c.title,
      base: s?.min ?? 0,
      range: s ? s.max - s.min : 0,
      median: s?.median ?? null,
      min: s?.min,
      max: s?.max,
      p90: s?.p90,
    };
  });
  return (
    <figure className="rounded-md border border-border bg-subtle p-3" data-testid="compare-chart">
      <figcaption className="mb-2 flex items-center gap-2 text-sm font-medium">
        <span className="flex-1">Spread over runs</span>
        <select
          aria-label="Metric"
          className="h-8 rounded-md border border-border bg-bg px-2 text-sm"
          value={metric}
          onChange={(e) => setMetric(e.target.value as MetricKey)}
        >
          {METRIC_KEYS.map((k) => (
            <option key={k} value={k}>
              {METRIC_LABELS[k]}
            </option>
          ))}
        </select>
      </figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
            <CartesianGrid stroke="var(--c-border)" vertical={false} />
            <XAxis
              dataKey="name"
              stroke="var(--c-fg-muted)"
              tick={{ fill: "var(--c-fg-muted)", fontSize: 11 }}
            />
            <YAxis
              stroke="var(--c-fg-muted)"
              tick={{ fill: "var(--c-fg-muted)", fontSize: 11 }}
              tickFormatter={(v: number) => formatMetric(metric, v)}
              width={72}
            />
            <Tooltip
              cursor={{ fill: "var(--c-muted)" }}
              content={({ payload }) => {
                const d = payload?.[0]?.payload as (typeof data)[number] | undefined;
                if (!d) return null;
                return (
                  <div className="rounded-md border border-border bg-bg px-2 py-1 text-xs text-fg">
                    <div className="font-medium">{d.name}</div>
                    <div>median {formatMetric(metric, d.median)}</div>
                    <div>
                      min {formatMetric(metric, d.min)} · max {formatMetric(metric, d.max)}
                    </div>
                    {d.p90 !== undefined && <div>p90 {formatMetric(metric, d.p90)}</div>}
                  </div>
                );
              }}
            />
            <Bar dataKey="base" stackId="r" fill="transparent" isAnimationActive={false} />
            <Bar
              dataKey="range"
              stackId="r"
              fill="var(--c-primary)"
              fillOpacity={0.35}
              stroke="var(--c-primary)"
              minPointSize={2}
              isAnimationActive={false}
            />
            <Scatter dataKey="median" fill="var(--c-fg)" isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
