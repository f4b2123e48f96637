"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatUsd, type Series } from "@/lib/usage/summarise";

/**
 * recharts lives in this file only, and pages load it with next/dynamic, so the chat page's bundle
 * never carries it. Colours are the theme's CSS variables: the charts follow light and dark.
 */
type Metric = "costUsd" | "tokens" | "requests";

const COLOURS: Record<Metric, string> = {
  costUsd: "var(--c-primary)",
  tokens: "var(--c-success)",
  requests: "var(--c-warning)",
};

const format = (metric: Metric) => (v: number) => (metric === "costUsd" ? formatUsd(v) : formatCount(v));

export function UsageBarChart({ title, data, metric }: { title: string; data: Series; metric: Metric }) {
  return (
    <figure className="rounded-md border border-border bg-subtle p-3" data-testid="usage-chart">
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {data.length === 0 ? (
        <p className="py-8 text-center text-sm text-fg-muted">No usage yet.</p>
      ) : (
        <div className="h-56">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
              <CartesianGrid stroke="var(--c-border)" vertical={false} />
              <XAxis
                dataKey="key"
                stroke="var(--c-fg-muted)"
                tick={{ fill: "var(--c-fg-muted)", fontSize: 11 }}
              />
              <YAxis
                stroke="var(--c-fg-muted)"
                tick={{ fill: "var(--c-fg-muted)", fontSize: 11 }}
                tickFormatter={format(metric)}
                width={64}
              />
              <Tooltip
                formatter={(v) => format(metric)(Number(v))}
                cursor={{ fill: "var(--c-muted)" }}
                contentStyle={{
                  background: "var(--c-bg)",
                  border: "1px solid var(--c-border)",
                  color: "var(--c-fg)",
                  borderRadius: 6,
                }}
                labelStyle={{ color: "var(--c-fg)" }}
              />
              <Bar dataKey={metric} fill={COLOURS[metric]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
