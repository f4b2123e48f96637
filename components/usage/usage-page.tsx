"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { queryKeys } from "@/lib/client/keys";
import { fetchUsage } from "@/lib/client/usage-api";
import { UsageReport } from "./usage-report";

const RANGES = [7, 30, 90] as const;

/** The usage page: the caller's own ("mine") or everyone's ("everyone", admins), with a CSV for admins. */
export function UsagePage({ scope, children }: { scope: "mine" | "everyone"; children?: React.ReactNode }) {
  const [days, setDays] = useState<number>(30);
  const usage = useQuery({
    queryKey: scope === "mine" ? queryKeys.usage.mine(days) : queryKeys.usage.everyone(days),
    queryFn: () => fetchUsage(scope, days),
  });
  return (
    <main className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-xl font-semibold">
          {scope === "mine" ? "Your usage" : "Usage (everyone)"}
        </h1>
        <select
          aria-label="Period"
          className="h-9 rounded-md border border-border bg-bg px-2 text-sm"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {RANGES.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
        </select>
        {scope === "everyone" && (
          <a
            href={`/api/admin/usage?days=${days}&format=csv`}
            download
            data-testid="usage-csv"
            className="inline-flex h-9 items-center rounded-md border border-border px-3 text-sm hover:bg-muted"
          >
            Download CSV
          </a>
        )}
        <Link href="/" className="text-sm text-primary underline-offset-4 hover:underline">
          Back to chat
        </Link>
      </header>
      {usage.isError ? (
        <p role="alert" className="text-sm text-danger">
          {usage.error.message}
        </p>
      ) : usage.data ? (
        <UsageReport rows={usage.data.rows} byUser={scope === "everyone"} />
      ) : (
        <p className="text-sm text-fg-muted">Loading…</p>
      )}
      {children}
    </main>
  );
}
