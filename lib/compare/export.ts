/**
 * A batch's answers and metrics as CSV (one row per column per run) and JSON. Pure. Cells that a
 * spreadsheet would read as a formula are prefixed with an apostrophe.
 */
import type { MessagePart } from "../stream/message-parts";
import type { RunMetrics } from "./run-metrics";

export type ExportRun = {
  repeat: number;
  column: number;
  label: string;
  model: string;
  status: string;
  parts: readonly MessagePart[];
  metrics: RunMetrics | null;
};

export const answerOf = (parts: readonly MessagePart[]) =>
  parts
    .filter((p) => p.type === "text" || p.type === "refusal")
    .map((p) => (p as { text: string }).text)
    .join("\n\n");

const CSV_HEADER = [
  "batch_id",
  "prompt",
  "repeat",
  "column",
  "label",
  "model",
  "status",
  "finish_reason",
  "ttfb_ms",
  "ttft_ms",
  "thinking_ms",
  "total_ms",
  "tokens_per_second",
  "prompt_tokens",
  "completion_tokens",
  "reasoning_tokens",
  "cost_usd",
  "cost_estimated",
  "answer",
];

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "number" ? String(Math.round(value * 1e6) / 1e6) : String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value !== "number") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function batchCsv(batch: { id: string; prompt: string }, runs: readonly ExportRun[]): string {
  const lines = [CSV_HEADER.join(",")];
  for (const r of runs) {
    const m = r.metrics;
    lines.push(
      [
        batch.id,
        batch.prompt,
        r.repeat + 1,
        r.column + 1,
        r.label,
        r.model,
        r.status,
        m?.finishReason,
        m?.ttfbMs,
        m?.ttftMs,
        m?.thinkingMs,
        m?.totalMs,
        m?.tokensPerSecond,
        m?.promptTokens,
        m?.completionTokens,
        m?.reasoningTokens,
        m?.cost,
        m ? m.costEstimated : null,
        answerOf(r.parts),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function batchJson(
  batch: { id: string; prompt: string; repeats: number; mode: string },
  runs: readonly ExportRun[],
) {
  return {
    batch: { id: batch.id, prompt: batch.prompt, repeats: batch.repeats, mode: batch.mode },
    runs: runs.map((r) => ({
      repeat: r.repeat + 1,
      column: r.column + 1,
      label: r.label,
      model: r.model,
      status: r.status,
      answer: answerOf(r.parts),
      metrics: r.metrics,
    })),
  };
}
