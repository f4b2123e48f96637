"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { compareApi } from "@/lib/client/compare/api";
import { answerOf } from "@/lib/compare/export";
import type { RunMetrics } from "@/lib/compare/run-metrics";
import type { RunView } from "@/lib/compare/view";
import type { RunBatch, VoteInput } from "@/lib/validations/compare";
import { type ColumnTurn, ColumnView } from "./column-view";
import { shortModel } from "./format";
import { type ColumnRuns, MetricsTable } from "./metrics-table";
import { PromptForm } from "./prompt-form";
import { VoteBar } from "./vote-bar";
import { WordDiff } from "./word-diff";

// recharts is loaded on this page only, and only once there is something to chart.
const MetricsChart = dynamic(() => import("./metrics-chart").then((m) => m.MetricsChart), {
  ssr: false,
  loading: () => <div className="h-64 rounded-md border border-border bg-subtle" />,
});

/**
 * /compare/<id>: the columns side by side, streaming at once (each run is a server-owned
 * generation: a reload picks every column up where it is), the shared prompt, the measured
 * figures with their spread over repeated runs, blind voting, a word diff, exports.
 */
export function ComparisonScreen({ id }: { id: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const key = useMemo(() => ["comparison", id] as const, [id]);
  const view = useQuery({
    queryKey: key,
    queryFn: () => compareApi.get(id),
    refetchInterval: (q) => (q.state.data?.batches.some((b) => b.status === "running") ? 1000 : false),
  });
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: key }), [qc, key]);
  const run = useMutation({
    mutationFn: (body: RunBatch) => compareApi.run(id, body),
    onSuccess: refresh,
  });
  const [locked, setLocked] = useState(true);
  const scrollers = useRef<(HTMLDivElement | null)[]>([]);
  const syncing = useRef(false);
  const [diffPair, setDiffPair] = useState<[number, number]>([0, 1]);

  const data = view.data;
  const latest = data?.batches.at(-1);
  const batchCount = data?.batches.length ?? 0;

  // A new turn: every column shows its end.
  useEffect(() => {
    if (batchCount === 0) return;
    for (const el of scrollers.current) if (el) el.scrollTop = el.scrollHeight;
  }, [batchCount]);

  if (view.isError) {
    return (
      <main className="p-6 text-sm">
        <p role="alert">{view.error.message}</p>
        <Link href="/compare" className="text-primary underline">
          Back to comparisons
        </Link>
      </main>
    );
  }
  if (!data) return <main className="p-6 text-sm text-fg-muted">Loading…</main>;

  const labels = latest?.columnLabels ?? data.columns.map((_, i) => String.fromCharCode(65 + i));
  const order = data.columns
    .map((_, i) => i)
    .sort((a, b) => (labels[a] ?? "").localeCompare(labels[b] ?? ""));
  const hidden = data.blind && (latest ? latest.hidden : true);
  const modelOf = (column: number): string | null => {
    const own = data.columns[column]?.model ?? null;
    if (own) return own;
    const v = latest?.vote;
    if (!v) return null;
    return labels[column] === "A" ? v.modelA : v.modelB;
  };
  const titleOf = (column: number) =>
    hidden ? `Column ${labels[column]}` : `${labels[column]} · ${shortModel(modelOf(column))}`;

  // The run each column shows per turn: the newest repeat started so far.
  const shownRun = (batchId: string, column: number): RunView | undefined =>
    data.runs.filter((r) => r.batchId === batchId && r.column === column).at(-1);
  const latestRuns = latest ? data.runs.filter((r) => r.batchId === latest.id) : [];
  const measured = latestRuns.filter((r) => r.metrics).length;
  const planned = latest ? latest.repeats * data.columns.length : 0;
  const running = latest?.status === "running";
  const metricsColumns: ColumnRuns[] = order.map((c) => ({
    key: c,
    label: labels[c] ?? "?",
    title: titleOf(c),
    metrics: latestRuns.filter((r) => r.column === c && r.metrics).map((r) => r.metrics as RunMetrics),
  }));
  const [left, right] = diffPair;
  const leftRun = latest ? shownRun(latest.id, left) : undefined;
  const rightRun = latest ? shownRun(latest.id, right) : undefined;

  const onScroll = (from: number) => {
    if (!locked || syncing.current) return;
    const src = scrollers.current[from];
    if (!src) return;
    syncing.current = true;
    const ratio = src.scrollTop / Math.max(1, src.scrollHeight - src.clientHeight);
    scrollers.current.forEach((el, i) => {
      if (el && i !== from) el.scrollTop = ratio * (el.scrollHeight - el.clientHeight);
    });
    requestAnimationFrame(() => {
      syncing.current = false;
    });
  };

  return (
    <main className="mx-auto flex w-full max-w-[1600px] flex-col gap-4 p-4" data-testid="comparison">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-lg font-semibold">{data.title || "Untitled comparison"}</h1>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            data-testid="compare-scroll-lock"
            checked={locked}
            onChange={(e) => setLocked(e.target.checked)}
          />
          Scroll together
        </label>
        <Link href="/compare" className="text-sm text-primary underline-offset-4 hover:underline">
          All comparisons
        </Link>
        <Link href="/compare/leaderboard" className="text-sm text-primary underline-offset-4 hover:underline">
          Leaderboard
        </Link>
      </header>

      <div
        className="grid gap-3"
        style={{ gridTemplateColumns: `repeat(${data.columns.length}, minmax(0, 1fr))` }}
        data-testid="compare-columns"
      >
        {order.map((c) => {
          const turns: ColumnTurn[] = data.batches.map((b) => ({ batch: b, run: shownRun(b.id, c) }));
          return (
            <ColumnView
              key={c}
              label={labels[c] ?? "?"}
              title={titleOf(c)}
              turns={turns}
              jsonMode={Boolean(data.shared.json_mode)}
              scrollRef={(el) => {
                scrollers.current[c] = el;
              }}
              onScroll={() => onScroll(c)}
              onEnded={refresh}
              onToChat={
                hidden || running
                  ? undefined
                  : async () => {
                      const { conversationId } = await compareApi.toChat(id, c);
                      router.push(`/c/${conversationId}`);
                    }
              }
            />
          );
        })}
      </div>

      {running && (
        <div className="flex items-center gap-3 text-sm" data-testid="compare-progress">
          <span>
            Runs measured: {measured} of {planned}
          </span>
          <progress className="h-2 flex-1" max={planned} value={measured} />
        </div>
      )}

      {data.blind && latest && (
        <VoteBar
          batch={latest}
          ready={!running && latestRuns.every((r) => r.status !== "streaming")}
          onVote={async (v: Omit<VoteInput, "batchId">) => {
            await compareApi.vote(id, { ...v, batchId: latest.id });
            refresh();
          }}
        />
      )}

      <PromptForm
        busy={running || run.isPending}
        followUp={batchCount > 0}
        onRun={(body) => run.mutateAsync(body)}
      />

      {latest && (
        <section className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="flex-1 text-sm font-medium">
              Measured on the server · turn {latest.turn + 1} · {latest.repeats} run
              {latest.repeats > 1 ? "s" : ""} ({latest.mode})
            </h2>
            <a
              href={`/api/comparisons/${id}/export?batch=${latest.id}&format=csv`}
              download
              data-testid="compare-export-csv"
              className="text-sm text-primary underline-offset-4 hover:underline"
            >
              CSV
            </a>
            <a
              href={`/api/comparisons/${id}/export?batch=${latest.id}&format=json`}
              download
              data-testid="compare-export-json"
              className="text-sm text-primary underline-offset-4 hover:underline"
            >
              JSON
            </a>
          </div>
          <MetricsTable columns={metricsColumns} />
          {measured > 0 && <MetricsChart columns={metricsColumns} />}
        </section>
      )}

      {latest && data.columns.length >= 2 && (
        <section className="flex flex-col gap-2 rounded-md border border-border p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <h2 className="font-medium">Word diff</h2>
            {[0, 1].map((side) => (
              <select
                key={side}
                aria-label={side === 0 ? "Left column" : "Right column"}
                className="h-8 rounded-md border border-border bg-bg px-2"
                value={diffPair[side]}
                onChange={(e) => {
                  const next: [number, number] = [...diffPair];
                  next[side] = Number(e.target.value);
                  setDiffPair(next);
                }}
              >
                {order.map((c) => (
                  <option key={c} value={c}>
                    {titleOf(c)}
                  </option>
                ))}
              </select>
            ))}
            <span className="text-xs text-fg-muted">
              struck: only on the left · highlighted: only on the right
            </span>
          </div>
          {leftRun && rightRun && leftRun.status !== "streaming" && rightRun.status !== "streaming" ? (
            <WordDiff left={answerOf(leftRun.parts ?? [])} right={answerOf(rightRun.parts ?? [])} />
          ) : (
            <p className="text-sm text-fg-muted">The diff appears when both answers are done.</p>
          )}
        </section>
      )}
    </main>
  );
}
