"use client";
import dynamic from "next/dynamic";
import { formatCount, formatUsd, sumBy, totals, type UsageRowView } from "@/lib/usage/summarise";

/** Loaded on demand: recharts stays out of every other page's JavaScript. */
const UsageBarChart = dynamic(() => import("./usage-charts").then((m) => m.UsageBarChart), {
  ssr: false,
  loading: () => <div className="h-64 animate-pulse rounded-md bg-muted" />,
});

/** Totals, then spend, tokens and requests by day, user (when `byUser`) and model. */
export function UsageReport({ rows, byUser }: { rows: UsageRowView[]; byUser: boolean }) {
  const t = totals(rows);
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-3 gap-3" data-testid="usage-totals">
        {[
          ["Spend", formatUsd(t.costUsd)],
          ["Tokens", formatCount(t.tokens)],
          ["Requests", formatCount(t.requests)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-md border border-border bg-subtle p-3">
            <dt className="text-xs text-fg-muted">{label}</dt>
            <dd className="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <UsageBarChart title="Spend by day (USD)" data={sumBy(rows, "day")} metric="costUsd" />
        <UsageBarChart title="Tokens by day" data={sumBy(rows, "day")} metric="tokens" />
        {byUser && <UsageBarChart title="Spend by user (USD)" data={sumBy(rows, "user")} metric="costUsd" />}
        {byUser && <UsageBarChart title="Requests by user" data={sumBy(rows, "user")} metric="requests" />}
        <UsageBarChart title="Spend by model (USD)" data={sumBy(rows, "model")} metric="costUsd" />
        <UsageBarChart title="Requests by model" data={sumBy(rows, "model")} metric="requests" />
      </div>
    </div>
  );
}
