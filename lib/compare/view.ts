/**
 * What GET /api/comparisons/<id> answers, and what the page renders: the comparison, its batches
 * (with the blind labels and any vote) and every run with its answer and metrics. In blind mode
 * the models of a batch stay out of the answer until it has a vote (the page shows A and B).
 * Pure, so the page's types come from here.
 */
import type { Comparison, ComparisonBatch, RunRow } from "../db/queries/comparisons";
import type { ComparisonColumn, ComparisonShared } from "../db/schema";
import type { Winner } from "./bradley-terry";

export const LABELS = ["A", "B", "C", "D"] as const;

export type VoteView = { winner: Winner; tag: string | null; modelA: string; modelB: string };
export type BatchView = Omit<ComparisonBatch, "userId" | "comparisonId" | "labels"> & {
  /** The label each column has in this batch (columns order). */
  columnLabels: string[];
  vote: VoteView | null;
  hidden: boolean;
};
export type RunView = Omit<RunRow, "model"> & { model: string | null; label: string };
export type ComparisonView = {
  id: string;
  title: string;
  blind: boolean;
  shared: ComparisonShared;
  columns: (Omit<ComparisonColumn, "model"> & { model: string | null })[];
  batches: BatchView[];
  runs: RunView[];
  createdAt: Date;
};

export const columnLabels = (labels: readonly number[]) =>
  labels.map((_, column) => LABELS[labels.indexOf(column)] ?? "?");

export function comparisonView(
  c: Comparison,
  batches: readonly ComparisonBatch[],
  runs: readonly RunRow[],
  votes: readonly {
    batchId: string | null;
    winner: Winner;
    tag: string | null;
    modelA: string;
    modelB: string;
  }[],
): ComparisonView {
  const voteOf = new Map(votes.filter((v) => v.batchId).map((v) => [v.batchId as string, v]));
  const batchViews: BatchView[] = batches.map(({ userId: _u, comparisonId: _c, labels, ...b }) => {
    const v = voteOf.get(b.id);
    return {
      ...b,
      columnLabels: columnLabels(labels),
      vote: v ? { winner: v.winner, tag: v.tag, modelA: v.modelA, modelB: v.modelB } : null,
      hidden: c.blind && !v,
    };
  });
  const byId = new Map(batchViews.map((b) => [b.id, b]));
  const anyHidden = batchViews.some((b) => b.hidden) || (c.blind && batchViews.length === 0);
  return {
    id: c.id,
    title: c.title,
    blind: c.blind,
    shared: c.shared,
    columns: c.columns.map((col) => ({ ...col, model: c.blind && anyHidden ? null : col.model })),
    batches: batchViews,
    runs: runs.map((r) => {
      const b = byId.get(r.batchId);
      const hidden = b?.hidden ?? c.blind;
      const streamState = hidden && r.streamState ? { ...r.streamState, model: undefined } : r.streamState;
      return { ...r, streamState, model: hidden ? null : r.model, label: b?.columnLabels[r.column] ?? "?" };
    }),
    createdAt: c.createdAt,
  };
}
