import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, served as text by GET /api/metrics. The relay calls the functions below;
 * none of them throws, because a metric must never break the answer it measures.
 *
 * Next may load this module once per route bundle (and again on dev reloads), but the chat route
 * that counts and the metrics route that reads must share one registry, and prom-client refuses to
 * register a name twice: so the registry and its metrics live on globalThis, made once per process.
 */
export type GenerationStatus = "done" | "stopped" | "error" | "interrupted";
export type TokenKind = "prompt" | "completion" | "reasoning";

type Metrics = ReturnType<typeof create>;

function create() {
  const registry = new Registry();
  // process_* and nodejs_* (CPU, memory, event loop lag, handles): the names dashboards expect.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    /** Our own count behind the gauge, so a stray extra "ended" cannot push it below zero. */
    active: 0,
    seen: new Map<string, Set<string>>(),
    activeGenerations: new Gauge({
      name: "parley_active_generations",
      help: "Answers being generated right now in this process.",
      registers,
    }),
    generations: new Counter({
      name: "parley_generations_total",
      help: "Generations that ended, by model and how they ended.",
      labelNames: ["model", "status"] as const,
      registers,
    }),
    timeToFirstToken: new Histogram({
      name: "parley_time_to_first_token_seconds",
      help: "From sending the request to the gateway to the first token of the answer (reasoning or text).",
      labelNames: ["model"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30],
      registers,
    }),
    gatewayErrors: new Counter({
      name: "parley_gateway_errors_total",
      help: "Failed gateway calls, by Parley's error code (rate_limited, upstream_unavailable, network, …).",
      labelNames: ["code"] as const,
      registers,
    }),
    tokens: new Counter({
      name: "parley_tokens_total",
      help: "Tokens the gateway reported, by model and kind (prompt, completion, reasoning).",
      labelNames: ["model", "kind"] as const,
      registers,
    }),
    resumes: new Counter({
      name: "parley_stream_resumes_total",
      help: "Streams resumed with Last-Event-ID (a reload, a second tab, a dropped connection).",
      registers,
    }),
  };
}

const holder = globalThis as { __parleyMetrics?: Metrics };
holder.__parleyMetrics ??= create();
const m: Metrics = holder.__parleyMetrics;

/** More distinct values than this per label go into "other": a time series per typo would not scale. */
const MAX_VALUES_PER_LABEL = 50;

/** A label value that is short, plain, and one of a bounded set. */
function label(name: string, value: string): string {
  if (!/^[\w.:/-]{1,100}$/.test(value)) return "other";
  const values = m.seen.get(name) ?? new Set<string>();
  m.seen.set(name, values);
  if (values.has(value)) return value;
  if (values.size >= MAX_VALUES_PER_LABEL) return "other";
  values.add(value);
  return value;
}

/** Runs a metric update; a bad value is dropped rather than thrown into the relay. */
function safely(update: () => void): void {
  try {
    update();
  } catch {
    // prom-client throws on e.g. a negative counter increment; losing one sample is the lesser harm.
  }
}

/**
 * The gauge has no model label on purpose: one series that reads 0 when idle is what an alert or
 * an autoscaler wants. `model` is taken for symmetry with generationEnded (which counts by model).
 */
export function generationStarted(_model: string): void {
  safely(() => m.activeGenerations.set(++m.active));
}

export function generationEnded(model: string, status: GenerationStatus): void {
  safely(() => {
    m.active = Math.max(0, m.active - 1);
    m.activeGenerations.set(m.active);
    m.generations.inc({ model: label("model", model), status: label("status", status) });
  });
}

export function observeTimeToFirstToken(model: string, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) return;
  safely(() => m.timeToFirstToken.observe({ model: label("model", model) }, ms / 1000));
}

export function countGatewayError(code: string): void {
  safely(() => m.gatewayErrors.inc({ code: label("code", code) }));
}

export function countTokens(model: string, kind: TokenKind, n: number): void {
  if (!Number.isFinite(n) || n <= 0) return;
  safely(() => m.tokens.inc({ model: label("model", model), kind: label("kind", kind) }, n));
}

export function countResume(): void {
  safely(() => m.resumes.inc());
}

/** Every metric in Prometheus' text format. */
export function metricsText(): Promise<string> {
  return m.registry.metrics();
}

export const metricsContentType: string = m.registry.contentType;
