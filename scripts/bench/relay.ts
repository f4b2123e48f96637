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

const root = path.resolve(__dirname, "../..");
const nowMs = () => performance.timeOrigin + performance.now();
const STAMP = /"x_sent_at":([\d.]+)/;

export type RelayRow = {
  path: string;
  streams: number;
  events: number;
  errors: number;
  ttfbP50Ms: number;
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
  return {
    path: target.name,
    streams,
    events,
    errors: results.filter((r) => r.error || r.events === 0).length,
    ttfbP50Ms: percentile(
      results.map((r) => r.ttfb).filter((t) => t >= 0),
      50,
    ),
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
  const [emuPort, proxyPort, parleyPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const emuUrl = `http://127.0.0.1:${emuPort}/v1`;
  const tsx = path.join(root, "node_modules/.bin/tsx");
  const children = [
    start(tsx, ["scripts/gateway-emulate.ts", "--port", String(emuPort), "--stamp", "--quiet"]),
    start(tsx, ["scripts/bench/bare-proxy.ts", "--port", String(proxyPort), "--upstream", emuUrl]),
    start(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(parleyPort), "-H", "127.0.0.1"], {
      NODE_ENV: "production",
      AIGATEWAY_API_KEY: "bench-key",
      AIGATEWAY_BASE_URL: emuUrl,
      PARLEY_DATA_DIR: `/tmp/parley-bench-${process.pid}`,
    }),
  ];
  try {
    await waitFor(`${emuUrl}/models`, { headers: { authorization: "Bearer x" } });
    await waitFor(`http://127.0.0.1:${proxyPort}/v1/models`, { headers: { authorization: "Bearer x" } });
    await waitFor(`http://127.0.0.1:${parleyPort}/api/health?ready`);
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
    // CPU to open a stream: one short stream at a time, CPU divided by the count.
    for (const t of targets.filter((x) => x.pid)) {
      const before = treeCpuSeconds(t.pid!);
      for (let i = 0; i < 20; i++) await oneStream(t, "Hi [pace:first=0,chunk=0] #open");
      const perOpen = ((treeCpuSeconds(t.pid!) - before) * 1000) / 20;
      for (const r of rows) if (r.path === t.name) r.cpuMsPerStreamOpen = perOpen;
    }
    return rows;
  } finally {
    for (const c of children) c.kill("SIGTERM");
  }
}

export function printRelayRows(rows: RelayRow[]): void {
  const f = (n: number | null, d = 1) => (n === null || Number.isNaN(n) ? "—" : n.toFixed(d));
  console.log("\nRelay: time to first event, per-event delay (emulator → client), CPU");
  console.log(
    "path          streams  events  errors  ttfb p50 ms  delay p50 ms  delay p99 ms  cpu ms/1k ev  cpu ms/open",
  );
  for (const r of rows) {
    console.log(
      `${r.path.padEnd(13)} ${String(r.streams).padStart(7)} ${String(r.events).padStart(7)} ${String(r.errors).padStart(7)} ${f(r.ttfbP50Ms).padStart(12)} ${f(r.delayP50Ms, 2).padStart(13)} ${f(r.delayP99Ms, 2).padStart(13)} ${f(r.cpuMsPer1kEvents).padStart(13)} ${f(r.cpuMsPerStreamOpen, 2).padStart(12)}`,
    );
  }
}
