"use client";
import type { Ref } from "react";
import { MessageParts } from "@/components/chat/message-parts";
import type { RunMetrics } from "@/lib/compare/run-metrics";
import type { BatchView, RunView } from "@/lib/compare/view";
import { formatMetric } from "./format";
import { useRunMessage } from "./use-run-message";

const ASSISTANT = "assistant" as const;

function RunAnswer({ run, jsonMode, onEnded }: { run: RunView; jsonMode: boolean; onEnded: () => void }) {
  const m = useRunMessage(run, onEnded);
  const streaming = m.status === "streaming";
  return (
    <div data-testid="compare-answer" data-status={m.status} data-generation={run.generationId}>
      <MessageParts parts={m.parts} streaming={streaming} role={ASSISTANT} jsonMode={jsonMode} />
      <RunFooter
        streaming={streaming}
        liveTtft={m.live?.meta.ttftMs}
        metrics={run.metrics}
        status={m.status}
      />
    </div>
  );
}

function RunFooter({
  streaming,
  liveTtft,
  metrics,
  status,
}: {
  streaming: boolean;
  liveTtft?: number;
  metrics: RunMetrics | null;
  status: string;
}) {
  if (streaming) {
    return (
      <p className="mt-1 text-xs text-fg-muted" data-testid="run-live">
        streaming…
        {liveTtft !== undefined && ` first token after ${formatMetric("ttftMs", liveTtft)} (this browser)`}
      </p>
    );
  }
  if (!metrics)
    return <p className="mt-1 text-xs text-fg-muted">{status === "done" ? "measuring…" : status}</p>;
  return (
    <p className="mt-1 text-xs text-fg-muted tabular-nums" data-testid="run-metrics">
      first byte {formatMetric("ttfbMs", metrics.ttfbMs)} · first answer token{" "}
      {formatMetric("ttftMs", metrics.ttftMs)}
      {metrics.thinkingMs !== null && ` · thinking ${formatMetric("thinkingMs", metrics.thinkingMs)}`} · total{" "}
      {formatMetric("totalMs", metrics.totalMs)} · {formatMetric("tokensPerSecond", metrics.tokensPerSecond)}{" "}
      tok/s · {formatMetric("cost", metrics.cost)}
      {metrics.costEstimated && " (estimated)"} · {metrics.finishReason ?? status}
    </p>
  );
}

export type ColumnTurn = { batch: BatchView; run: RunView | undefined };

/** One column: its title, and for every turn the shared prompt and this column's answer. */
export function ColumnView({
  label,
  title,
  turns,
  jsonMode,
  scrollRef,
  onScroll,
  onEnded,
  onToChat,
}: {
  label: string;
  title: string;
  turns: ColumnTurn[];
  jsonMode: boolean;
  scrollRef: Ref<HTMLDivElement>;
  onScroll: () => void;
  onEnded: () => void;
  onToChat?: () => void;
}) {
  return (
    <section
      className="flex min-w-0 flex-col rounded-md border border-border"
      data-testid="compare-column"
      data-label={label}
    >
      <header className="flex items-center gap-2 border-b border-border bg-subtle px-3 py-2">
        <h2 className="flex-1 truncate text-sm font-semibold" data-testid="compare-column-title">
          {title}
        </h2>
        {onToChat && (
          <button
            type="button"
            className="text-xs text-primary underline-offset-4 hover:underline"
            data-testid="compare-to-chat"
            onClick={onToChat}
          >
            Continue in chat
          </button>
        )}
      </header>
      <div
        ref={scrollRef}
        onScroll={onScroll}
        className="h-[55vh] overflow-y-auto px-3 py-2"
        data-testid="compare-scroll"
      >
        {turns.length === 0 && <p className="text-sm text-fg-muted">Answers appear here.</p>}
        {turns.map(({ batch, run }) => (
          <div key={batch.id} className="mb-4">
            <p className="mb-2 rounded-md bg-muted px-2 py-1 text-sm whitespace-pre-wrap">{batch.prompt}</p>
            {run ? (
              <RunAnswer key={run.generationId} run={run} jsonMode={jsonMode} onEnded={onEnded} />
            ) : (
              <p className="text-sm text-fg-muted">waiting…</p>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
