/**
 * What one column's run measured, taken on the server as the generation's frames pass through
 * it (the generation knows when it called the gateway and when each chunk arrived). Pure: the
 * caller passes each frame and the time it saw it.
 *
 * - ttfb: the gateway call (the first `parley.step`) → its first chunk of any kind
 * - ttft: → the first answer token (content, tool call or refusal), i.e. after thinking
 * - thinking: the reasoning blocks' durations (first reasoning token → first answer token)
 * - total: → the end of the turn (`parley.done` / stopped), tool runs included
 * - tokens/s: completion tokens ÷ (last token − first token of any kind), the decoding speed
 * - cost: the gateway's usage.cost when it sends one, else the price table ("estimated")
 */
import type { StreamFrame } from "../stream/events";
import type { MessagePart } from "../stream/message-parts";
import type { Usage } from "../stream/wire";
import { costOf, type PriceTable, tokenCounts } from "../usage/cost";

export type RunTiming = {
  callAt?: number;
  firstChunkAt?: number;
  firstTokenAt?: number;
  firstAnswerAt?: number;
  lastTokenAt?: number;
  endAt?: number;
  /** Chunks that carried reasoning or answer tokens. */
  tokenChunks: number;
};

export type RunMetrics = {
  ttfbMs: number | null;
  ttftMs: number | null;
  thinkingMs: number | null;
  totalMs: number | null;
  tokensPerSecond: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  cost: number | null;
  costEstimated: boolean;
  finishReason: string | null;
  tokenChunks: number;
};

export const METRIC_KEYS = [
  "ttfbMs",
  "ttftMs",
  "thinkingMs",
  "totalMs",
  "tokensPerSecond",
  "promptTokens",
  "completionTokens",
  "reasoningTokens",
  "cost",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export const METRIC_LABELS: Record<MetricKey, string> = {
  ttfbMs: "Time to first byte (ms)",
  ttftMs: "Time to first answer token (ms)",
  thinkingMs: "Thinking (ms)",
  totalMs: "Total (ms)",
  tokensPerSecond: "Output tokens/s",
  promptTokens: "Prompt tokens",
  completionTokens: "Completion tokens",
  reasoningTokens: "Reasoning tokens",
  cost: "Cost (USD)",
};

export const createTiming = (): RunTiming => ({ tokenChunks: 0 });

type Delta = {
  content?: unknown;
  refusal?: unknown;
  tool_calls?: unknown;
  reasoning?: unknown;
  reasoning_content?: unknown;
  reasoning_details?: unknown;
};

const nonEmpty = (x: unknown) => (typeof x === "string" ? x.length > 0 : Array.isArray(x) && x.length > 0);

export function observeFrame(t: RunTiming, frame: StreamFrame, now: number): void {
  if (frame.kind === "parley.step") {
    t.callAt ??= now;
    return;
  }
  if (frame.kind === "parley.done" || frame.kind === "parley.stopped") {
    t.endAt ??= now;
    return;
  }
  if (frame.kind !== "chunk") return;
  t.firstChunkAt ??= now;
  let delta: Delta | undefined;
  try {
    const parsed = JSON.parse(frame.data) as { choices?: { delta?: Delta }[] };
    delta = parsed.choices?.[0]?.delta;
  } catch {
    return;
  }
  if (!delta) return;
  const answer = nonEmpty(delta.content) || nonEmpty(delta.refusal) || nonEmpty(delta.tool_calls);
  const reasoning =
    nonEmpty(delta.reasoning) || nonEmpty(delta.reasoning_content) || nonEmpty(delta.reasoning_details);
  if (!answer && !reasoning) return;
  t.tokenChunks++;
  t.firstTokenAt ??= now;
  t.lastTokenAt = now;
  if (answer) t.firstAnswerAt ??= now;
}

const span = (a?: number, b?: number) => (a !== undefined && b !== undefined ? Math.max(0, b - a) : null);

export function runMetrics(
  t: RunTiming,
  end: {
    parts: readonly MessagePart[];
    usage: Usage | null | undefined;
    finishReason: string | null;
    model: string;
  },
  prices: PriceTable,
): RunMetrics {
  const reasoning = end.parts.filter((p) => p.type === "reasoning");
  const thinkingMs =
    reasoning.length > 0
      ? reasoning.reduce((s, p) => s + (p.type === "reasoning" ? (p.durationMs ?? 0) : 0), 0)
      : null;
  const usage = end.usage ?? null;
  const counts = usage ? tokenCounts(usage) : null;
  const decodeMs = span(t.firstTokenAt, t.lastTokenAt);
  const tokensPerSecond =
    counts && decodeMs && decodeMs > 0 && counts.completion > 0
      ? counts.completion / (decodeMs / 1000)
      : null;
  const gatewayCost = typeof usage?.cost === "number" && Number.isFinite(usage.cost);
  return {
    ttfbMs: span(t.callAt, t.firstChunkAt),
    ttftMs: span(t.callAt, t.firstAnswerAt),
    thinkingMs,
    totalMs: span(t.callAt, t.endAt),
    tokensPerSecond,
    promptTokens: counts?.prompt ?? null,
    completionTokens: counts?.completion ?? null,
    reasoningTokens: counts ? counts.reasoning : null,
    cost: usage ? costOf(usage, end.model, prices) : null,
    costEstimated: Boolean(usage) && !gatewayCost,
    finishReason: end.finishReason,
    tokenChunks: t.tokenChunks,
  };
}
