/**
 * The generations benchmark's figures: a row per path read (from the client's stream results and
 * the servers' measured cost), a row per reconnect case, and the printed tables with the targets.
 */
import type { ReconnectResult, StreamResult } from "./generation-streams";
import { failed, RECONNECT_GAP_MS } from "./generation-streams";
import { percentile } from "./relay";

export const RECONNECT_TARGET_MS = 50;
const MB = 1024 * 1024;

export type GenerationRow = {
  path: string;
  /** 0 for direct; 1 or 2 Parley instances. */
  instances: number;
  streams: number;
  /** Most streams open at once, as the client counted them. */
  peakOpen: number;
  /** Stamped gateway chunks received. */
  events: number;
  /** Streams with any error; a stream may count in more than one of the four kinds below. */
  errors: number;
  httpErrors: number;
  parleyErrors: number;
  withoutDone: number;
  idGaps: number;
  /** The first 50 failed streams: their generation and the codes of their `parley.error` events. */
  failures: { generationId: string | null; errorCodes: string[] }[];
  /** From the first start to the last stream's end. */
  wallS: number | null;
  /** POST → `parley.saved` (the turn saved, the generation started). */
  savedP50Ms: number | null;
  savedP99Ms: number | null;
  /** Arrival at the client − the emulator's send time. */
  delayP50Ms: number;
  delayP99Ms: number;
  /** This row's delay − direct's, same run. */
  addedP50Ms: number | null;
  addedP99Ms: number | null;
  /** Per instance (process tree): before the run, and the peak sampled during it. */
  rssIdleMb: number[] | null;
  rssPeakMb: number[] | null;
  /** Parley's process trees (both instances together) per 1,000 events received. */
  cpuMsPer1kEvents: number | null;
  /** One short answer at a time: a generation's cost apart from its events (start, saves, title). */
  cpuMsPerGeneration: number | null;
  /** PostgreSQL + Redis, whole services (anyone else's use included), per 1,000 events. */
  servicesCpuMsPer1kEvents: number | null;
  /** How busy the whole machine was during the run. */
  hostBusyPct: number | null;
};

export type ReconnectRow = {
  path: string;
  generations: number;
  errors: number;
  errorKinds: string[];
  /** Reconnects whose first event was a chunk sent before the request: a missed one, replayed. */
  replayed: number;
  p50Ms: number;
  p99Ms: number;
  /** GET /api/health on the resuming instance, sent with each reconnect: the instance's floor. */
  healthP50Ms: number;
  targetMet: boolean;
};

export type GenerationsResult = {
  streams: GenerationRow[];
  reconnect: ReconnectRow[];
  notes: string[];
};

export type Cost = {
  rssIdle: number[];
  rssPeak: number[];
  cpuMs: number;
  servicesCpuMs: number;
  hostBusyPct: number;
};

export type Measured = { results: StreamResult[]; peakOpen: number; wallS: number | null; cost: Cost | null };

export function streamRow(
  path: string,
  instances: number,
  m: Measured,
  opts: { direct?: GenerationRow; withServices?: boolean } = {},
): GenerationRow {
  const { results, cost } = m;
  const delays = results.flatMap((r) => r.delays);
  const saved = results.flatMap((r) => (r.savedMs === null ? [] : [r.savedMs]));
  const events = results.reduce((n, r) => n + r.events, 0);
  const per1k = (ms: number) => (events > 0 ? (ms / events) * 1000 : null);
  const delayP50Ms = percentile(delays, 50);
  const delayP99Ms = percentile(delays, 99);
  const parley = cost && instances > 0 ? cost : null;
  return {
    path,
    instances,
    streams: results.length,
    peakOpen: m.peakOpen,
    events,
    errors: results.filter(failed).length,
    httpErrors: results.filter((r) => r.http).length,
    parleyErrors: results.filter((r) => r.parleyError).length,
    withoutDone: results.filter((r) => r.noDone).length,
    idGaps: results.filter((r) => r.idGap).length,
    failures: results
      .filter(failed)
      .slice(0, 50)
      .map((r) => ({ generationId: r.generationId, errorCodes: r.errorCodes })),
    wallS: m.wallS,
    savedP50Ms: saved.length > 0 ? percentile(saved, 50) : null,
    savedP99Ms: saved.length > 0 ? percentile(saved, 99) : null,
    delayP50Ms,
    delayP99Ms,
    addedP50Ms: opts.direct ? delayP50Ms - opts.direct.delayP50Ms : null,
    addedP99Ms: opts.direct ? delayP99Ms - opts.direct.delayP99Ms : null,
    rssIdleMb: parley ? parley.rssIdle.map((b) => b / MB) : null,
    rssPeakMb: parley ? parley.rssPeak.map((b) => b / MB) : null,
    cpuMsPer1kEvents: parley ? per1k(parley.cpuMs) : null,
    cpuMsPerGeneration: null,
    servicesCpuMsPer1kEvents: cost && opts.withServices ? per1k(cost.servicesCpuMs) : null,
    hostBusyPct: cost ? cost.hostBusyPct : null,
  };
}

export function reconnectRow(path: string, results: ReconnectResult[]): ReconnectRow {
  const latencies = results.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const p50Ms = percentile(latencies, 50);
  return {
    path,
    generations: results.length,
    errors: results.filter((r) => r.error).length,
    errorKinds: [...new Set(results.flatMap((r) => (r.error ? [r.error] : [])))],
    replayed: results.filter((r) => r.replayed).length,
    p50Ms,
    p99Ms: percentile(latencies, 99),
    healthP50Ms: percentile(
      results.flatMap((r) => (r.healthMs === null ? [] : [r.healthMs])),
      50,
    ),
    targetMet: p50Ms < RECONNECT_TARGET_MS,
  };
}

const f = (v: number | null, d = 1) => (v === null || Number.isNaN(v) ? "—" : v.toFixed(d));
const signed = (v: number | null) =>
  v === null || Number.isNaN(v) ? "—" : `${v >= 0 ? "+" : ""}${v.toFixed(2)}`;
const mb = (v: number[] | null) => (v ? v.map((x) => x.toFixed(0)).join(" + ") : "—");
const cells = (values: string[], widths: number[]) =>
  values.map((v, i) => (i === 0 ? v.padEnd(widths[0]!) : v.padStart(widths[i]!))).join(" ");

export function printGenerationRows(result: GenerationsResult, describe: string): void {
  const w1 = [66, 7, 6, 7, 6, 10, 10, 10, 10, 10, 10];
  console.log(`\nGenerations: ${describe}`);
  console.log("delay = arrival at the client − the emulator's send time (x_sent_at); added = row − direct");
  console.log(
    cells(
      [
        "path",
        "streams",
        "open",
        "events",
        "errors",
        "saved p50",
        "saved p99",
        "delay p50",
        "delay p99",
        "added p50",
        "added p99",
      ],
      w1,
    ),
  );
  for (const r of result.streams) {
    console.log(
      cells(
        [
          r.path,
          String(r.streams),
          String(r.peakOpen),
          String(r.events),
          String(r.errors),
          f(r.savedP50Ms, 0),
          f(r.savedP99Ms, 0),
          f(r.delayP50Ms, 2),
          f(r.delayP99Ms, 2),
          signed(r.addedP50Ms),
          signed(r.addedP99Ms),
        ],
        w1,
      ),
    );
  }
  for (const r of result.streams.filter((x) => x.errors > 0)) {
    const codes = new Map<string, number>();
    for (const c of r.failures.flatMap((x) => x.errorCodes)) codes.set(c, (codes.get(c) ?? 0) + 1);
    const listed = [...codes].map(([c, k]) => `${c} ×${k}`).join(", ");
    console.log(
      `  errors in "${r.path.trim()}": ${r.httpErrors} HTTP, ${r.parleyErrors} parley.error${listed ? ` (${listed})` : ""}, ${r.withoutDone} without parley.done, ${r.idGaps} with an id gap`,
    );
  }
  console.log(
    "(ms; saved = POST → parley.saved; cross rows count delays of chunks sent after the GET was issued)",
  );

  const w2 = [66, 8, 15, 15, 13, 14, 16, 10];
  console.log(
    cells(
      [
        "server cost",
        "wall s",
        "rss idle MB",
        "rss peak MB",
        "cpu ms/1k ev",
        "cpu ms/answer",
        "pg+redis ms/1k",
        "host busy",
      ],
      w2,
    ),
  );
  for (const r of result.streams.filter((x) => x.hostBusyPct !== null)) {
    console.log(
      cells(
        [
          r.path,
          f(r.wallS),
          mb(r.rssIdleMb),
          mb(r.rssPeakMb),
          f(r.cpuMsPer1kEvents),
          f(r.cpuMsPerGeneration),
          f(r.servicesCpuMsPer1kEvents),
          `${f(r.hostBusyPct, 0)} %`,
        ],
        w2,
      ),
    );
  }
  console.log(
    "(rss and cpu: Parley's process trees, A + B for two instances; cpu ms/answer: 20 short answers one at a time;\n" +
      " pg+redis: the whole PostgreSQL and Redis services; host busy: all cores of the machine, other users included)",
  );

  console.log(
    `\nReconnect → first missed event: reader dropped after 8–15 chunks, GET /stream?lastEventId=<last id seen> ${RECONNECT_GAP_MS} ms later`,
  );
  const w3 = [52, 11, 7, 16, 7, 7, 14, 20];
  console.log(
    cells(
      [
        "path",
        "generations",
        "errors",
        "missed replayed",
        "p50 ms",
        "p99 ms",
        "health p50 ms",
        "target < 50 ms p50",
      ],
      w3,
    ),
  );
  for (const r of result.reconnect) {
    console.log(
      cells(
        [
          r.path,
          String(r.generations),
          String(r.errors),
          `${r.replayed}/${r.generations}`,
          f(r.p50Ms),
          f(r.p99Ms),
          f(r.healthP50Ms),
          r.targetMet ? "met" : "not met",
        ],
        w3,
      ),
    );
    if (r.errorKinds.length > 0) console.log(`  errors: ${r.errorKinds.join("; ")}`);
  }
  console.log(
    "(health p50: a GET /api/health sent to the resuming instance with each reconnect: how responsive it was)",
  );

  console.log("");
  const zero = (path: string, errors: number) =>
    console.log(`target zero errors — ${path.trim()}: ${errors === 0 ? "met" : `NOT met (${errors})`}`);
  for (const r of result.streams.filter((x) => x.instances > 0 && !x.path.startsWith(" ")))
    zero(r.path, r.errors);
  for (const r of result.reconnect) zero(`reconnect, ${r.path}`, r.errors);
  for (const r of result.reconnect) {
    console.log(
      `target reconnect < ${RECONNECT_TARGET_MS} ms p50 — ${r.path}: ${r.targetMet ? "met" : "NOT met"} (${f(r.p50Ms)} ms)`,
    );
  }
  for (const note of result.notes) console.log(`note: ${note}`);
}
