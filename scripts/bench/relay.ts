/**
 * Relay benchmark: the same paced stream from the gateway emulator, read three ways —
 * directly, through a bare node:http proxy (the floor), and through Parley's relay (next start) —
 * at 1, 50 and 200 concurrent streams whose starts are spread over a few seconds.
 *
 * Per-event delay is measured end to end: the emulator (run with --stamp) writes its send time into
 * each chunk as `x_sent_at`, and the client subtracts it from the arrival time. CPU is read from
 * /proc for the proxy's and the relay's whole process trees.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createParser } from "eventsource-parser";
import { freePort } from "../../tests/support/parley-server";
import { treeCpuSeconds } from "./proc-cpu";
import { recordTarget } from "./targets";

/** The relay paths measured against the proxy; the first is what `npm start` runs. */
const RELAY_PATHS = ["parley relay", "parley node server"];

const root = path.resolve(__dirname, "../..");
const nowMs = () => performance.timeOrigin + performance.now();
const STAMP = /"x_sent_at":([\d.]+)/;

export type RelayRow = {
  path: string;
  streams: number;
  events: number;
  errors: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  delayP50Ms: number;
  delayP99Ms: number;
  cpuMsPer1kEvents: number | null;
  cpuMsPerStreamOpen: number | null;
};

type Target = { name: string; url: string; body: (prompt: string) => unknown; pid: number | null };

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitFor(url: string, init?: RequestInit): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(url, init);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

/**
 * `next start` for the relay. PARLEY_BENCH_CPU_PROF=<dir> runs it under `node --cpu-prof`: V8 CPU
 * profiles of the relay's process are written there when it exits (summarise them with
 * scripts/bench/cpu-profile-summary.ts).
 */
function startParley(args: string[], env: Record<string, string>): ChildProcess {
  const dir = process.env.PARLEY_BENCH_CPU_PROF;
  return start(process.execPath, dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...args] : args, env);
}

async function oneStream(target: Target, prompt: string) {
  const t0 = nowMs();
  const res = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench" },
    body: JSON.stringify(target.body(prompt)),
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  let ttfb = -1;
  let events = 0;
  let error = false;
  const delays: number[] = [];
  const parser = createParser({
    onEvent: (ev) => {
      if (ev.event === "parley.error") error = true;
      const m = STAMP.exec(ev.data);
      if (!m) return;
      const at = nowMs();
      if (ttfb < 0) ttfb = at - t0;
      events++;
      delays.push(at - Number(m[1]));
    },
  });
  const decoder = new TextDecoder();
  for await (const bytes of res.body) parser.feed(decoder.decode(bytes as Uint8Array, { stream: true }));
  return { ttfb, events, delays, error };
}

async function runPath(target: Target, streams: number, spreadMs: number, prompt: string): Promise<RelayRow> {
  const cpuBefore = target.pid ? treeCpuSeconds(target.pid) : 0;
  const results = await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      await new Promise((r) => setTimeout(r, streams > 1 ? (i / streams) * spreadMs : 0));
      try {
        return await oneStream(target, `${prompt} #${i}`);
      } catch {
        return { ttfb: -1, events: 0, delays: [] as number[], error: true };
      }
    }),
  );
  const cpu = target.pid ? (treeCpuSeconds(target.pid) - cpuBefore) * 1000 : null;
  const events = results.reduce((n, r) => n + r.events, 0);
  const ttfbs = results.map((r) => r.ttfb).filter((t) => t >= 0);
  return {
    path: target.name,
    streams,
    events,
    errors: results.filter((r) => r.error || r.events === 0).length,
    ttfbP50Ms: percentile(ttfbs, 50),
    ttfbP99Ms: percentile(ttfbs, 99),
    delayP50Ms: percentile(
      results.flatMap((r) => r.delays),
      50,
    ),
    delayP99Ms: percentile(
      results.flatMap((r) => r.delays),
      99,
    ),
    cpuMsPer1kEvents: cpu === null || events === 0 ? null : (cpu / events) * 1000,
    cpuMsPerStreamOpen: null,
  };
}

export async function runRelayBench(opts: { quick?: boolean } = {}): Promise<RelayRow[]> {
  const [emuPort, proxyPort, parleyPort, serverPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const emuUrl = `http://127.0.0.1:${emuPort}/v1`;
  const tsx = path.join(root, "node_modules/.bin/tsx");
  const children = [
    start(tsx, ["scripts/gateway-emulate.ts", "--port", String(emuPort), "--stamp", "--quiet"]),
    start(tsx, ["scripts/bench/bare-proxy.ts", "--port", String(proxyPort), "--upstream", emuUrl]),
    startParley(["node_modules/next/dist/bin/next", "start", "-p", String(parleyPort), "-H", "127.0.0.1"], {
      NODE_ENV: "production",
      AIGATEWAY_API_KEY: "bench-key",
      AIGATEWAY_BASE_URL: emuUrl,
      PARLEY_DATA_DIR: `/tmp/parley-bench-${process.pid}`,
    }),
    // The alternative: server.ts, the chat route's handler straight on node:http (its own data dir:
    // PGlite takes one process per folder).
    startParley(["--import", "tsx", "server.ts", "-p", String(serverPort), "-H", "127.0.0.1"], {
      NODE_ENV: "production",
      AIGATEWAY_API_KEY: "bench-key",
      AIGATEWAY_BASE_URL: emuUrl,
      PARLEY_DATA_DIR: `/tmp/parley-bench-server-${process.pid}`,
    }),
  ];
  try {
    await waitFor(`${emuUrl}/models`, { headers: { authorization: "Bearer x" } });
    await waitFor(`http://127.0.0.1:${proxyPort}/v1/models`, { headers: { authorization: "Bearer x" } });
    await waitFor(`http://127.0.0.1:${parleyPort}/api/health?ready`);
    await waitFor(`http://127.0.0.1:${serverPort}/api/health?ready`);
    const model = "anthropic/claude-sonnet-4";
    const gatewayBody = (prompt: string) => ({
      model,
      messages: [{ role: "user", content: prompt }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const targets: Target[] = [
      { name: "direct", url: `${emuUrl}/chat/completions`, body: gatewayBody, pid: null },
      {
        name: "bare proxy",
        url: `http://127.0.0.1:${proxyPort}/v1/chat/completions`,
        body: gatewayBody,
        pid: children[1]!.pid!,
      },
      {
        name: "parley relay",
        url: `http://127.0.0.1:${parleyPort}/api/chat`,
        body: (prompt) => ({ model, messages: [{ role: "user", content: prompt }] }),
        pid: children[2]!.pid!,
      },
      {
        name: "parley node server",
        url: `http://127.0.0.1:${serverPort}/api/chat`,
        body: (prompt) => ({ model, messages: [{ role: "user", content: prompt }] }),
        pid: children[3]!.pid!,
      },
    ];
    const prompt = "Benchmark stream [long:600][pace:first=0,chunk=20,size=16]";
    // Warm up each path once (JIT, route compilation, connection pools) before measuring.
    for (const t of targets) await runPath(t, 2, 0, prompt);
    const levels = opts.quick
      ? [
          [1, 0],
          [50, 2000],
        ]
      : [
          [1, 0],
          [50, 2000],
          [200, 4000],
        ];
    const rows: RelayRow[] = [];
    for (const [streams, spread] of levels) {
      for (const t of targets) rows.push(await runPath(t, streams!, spread!, prompt));
    }
    // One stream's time to first event is one sample, and the machine is shared: the TTFB at one
    // stream is the median of 15 single streams, one after another.
    for (const t of targets) {
      const ttfbs: number[] = [];
      for (let i = 0; i < 15; i++) ttfbs.push((await oneStream(t, `${prompt} #ttfb${i}`)).ttfb);
      const one = rows.find((r) => r.path === t.name && r.streams === 1);
      if (one) one.ttfbP50Ms = percentile(ttfbs, 50);
    }
    // CPU to open a stream: short streams (a few events each), 200 of them started over 2 s, CPU
    // divided by the count. The events they carry are the same on every path.
    const opens = opts.quick ? 50 : 200;
    const openCost = new Map<string, number>();
    for (const t of targets.filter((x) => x.pid)) {
      const before = treeCpuSeconds(t.pid!);
      await runPath(t, opens, 2000, "Hi [pace:first=0,chunk=0] #open");
      const perOpen = ((treeCpuSeconds(t.pid!) - before) * 1000) / opens;
      openCost.set(t.name, perOpen);
      for (const r of rows) if (r.path === t.name) r.cpuMsPerStreamOpen = perOpen;
    }
    // Many at once: 500 streams start over 5 s (100 a second) and each lasts ~15 s, so all are open
    // together for ~10 s. Chunks every 100 ms rather than 20: at 500 streams the emulator and this
    // client share the machine's two cores with the relay, and 25,000 events a second would
    // measure them rather than the relay.
    const many = opts.quick ? 200 : 500;
    const manyPrompt = "Benchmark stream [long:600][pace:first=0,chunk=100,size=16]";
    for (const t of targets.filter((x) => x.name !== "direct")) {
      rows.push(await runPath(t, many, 5000, manyPrompt));
    }
    recordRelayTargets(rows, openCost, { quick: !!opts.quick, many, opens });
    return rows;
  } finally {
    // Wait for each to exit (a CPU profile is written on the way out), at most 10 s.
    await Promise.all(children.map((c) => stop(c)));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Issue 12's relay targets, each against the bare proxy or direct in this same run. */
function recordRelayTargets(
  rows: RelayRow[],
  openCost: Map<string, number>,
  run: { quick: boolean; many: number; opens: number },
): void {
  const row = (path: string, streams: number) => rows.find((r) => r.path === path && r.streams === streams);
  const busiest = run.quick ? 50 : 200;
  const note = run.quick ? ` (--quick: ${busiest} streams, not 200)` : "";
  for (const relay of RELAY_PATHS) {
    const suffix = relay === "parley relay" ? "" : ` [${relay}]`;
    const r = row(relay, busiest);
    const p = row("bare proxy", busiest);
    if (!r || !p) continue;
    const evRatio = (r.cpuMsPer1kEvents ?? Number.NaN) / (p.cpuMsPer1kEvents ?? Number.NaN);
    recordTarget({
      area: "relay",
      metric: `CPU per 1,000 events at 200 streams, relay / bare proxy${suffix}`,
      value: evRatio,
      unit: "×",
      target: "≤ 1.5× bare proxy",
      met: evRatio <= 1.5,
      detail: `relay ${r.cpuMsPer1kEvents?.toFixed(0)} ms vs proxy ${p.cpuMsPer1kEvents?.toFixed(0)} ms per 1k events${note}`,
    });
    const ro = openCost.get(relay);
    const po = openCost.get("bare proxy");
    if (ro !== undefined && po !== undefined) {
      recordTarget({
        area: "relay",
        metric: `CPU per stream open at 200 streams, relay / bare proxy${suffix}`,
        value: ro / po,
        unit: "×",
        target: "≤ 2× bare proxy",
        met: ro / po <= 2,
        detail: `relay ${ro.toFixed(2)} ms vs proxy ${po.toFixed(2)} ms per open, ${run.opens} short streams over 2 s`,
      });
    }
    const r1 = row(relay, 1);
    const d1 = row("direct", 1);
    if (r1 && d1) {
      const over = r1.ttfbP50Ms - d1.ttfbP50Ms;
      recordTarget({
        area: "relay",
        metric: `TTFB over direct at 1 stream${suffix}`,
        value: over,
        unit: "ms",
        target: "≤ +5 ms",
        met: over <= 5,
        detail: `relay ${r1.ttfbP50Ms.toFixed(1)} ms vs direct ${d1.ttfbP50Ms.toFixed(1)} ms, proxy ${row("bare proxy", 1)?.ttfbP50Ms.toFixed(1)} ms (medians of 15 single streams)`,
      });
    }
    const m = row(relay, run.many);
    if (m) {
      const manyNote = run.quick ? ` (--quick: ${run.many} streams, not 500)` : "";
      recordTarget({
        area: "relay",
        metric: `errors at 500 streams${suffix}`,
        value: m.errors,
        unit: "",
        target: "0",
        met: m.errors === 0,
        detail: `${m.errors} of ${run.many} streams failed, ${m.events} events${manyNote}`,
      });
      recordTarget({
        area: "relay",
        metric: `p99 TTFB at 500 streams${suffix}`,
        value: m.ttfbP99Ms,
        unit: "ms",
        target: "< 1000 ms",
        met: m.ttfbP99Ms < 1000,
        detail: `p50 ${m.ttfbP50Ms.toFixed(0)} ms; bare proxy p99 ${row("bare proxy", run.many)?.ttfbP99Ms.toFixed(0)} ms; started over 5 s, all open together, a chunk per 100 ms${manyNote}`,
      });
    }
  }
}

export function printRelayRows(rows: RelayRow[]): void {
  const f = (n: number | null, d = 1) => (n === null || Number.isNaN(n) ? "—" : n.toFixed(d));
  console.log("\nRelay: time to first event, per-event delay (emulator → client), CPU");
  console.log(
    "path               streams  events  errors  ttfb p50 ms  ttfb p99 ms  delay p50 ms  delay p99 ms  cpu ms/1k ev  cpu ms/open",
  );
  for (const r of rows) {
    console.log(
      `${r.path.padEnd(18)} ${String(r.streams).padStart(7)} ${String(r.events).padStart(7)} ${String(r.errors).padStart(7)} ${f(r.ttfbP50Ms).padStart(12)} ${f(r.ttfbP99Ms).padStart(12)} ${f(r.delayP50Ms, 2).padStart(13)} ${f(r.delayP99Ms, 2).padStart(13)} ${f(r.cpuMsPer1kEvents).padStart(13)} ${f(r.cpuMsPerStreamOpen, 2).padStart(12)}`,
    );
  }
}
