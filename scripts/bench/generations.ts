/**
 * Generations benchmark (issue 8): server-owned answers, 500 at once, read as a browser reads them.
 *
 *  1. The same paced answer 500 times (starts spread over 5 s; each lasts ~10 s, so all run at
 *     once): straight from the emulator (the floor), through one Parley (`next start`, PGlite,
 *     in-memory event log), and through two Parleys sharing PostgreSQL and Redis — half the streams
 *     begin on A, and half of those are read from B (`GET /api/generations/<id>/stream`, the
 *     cross-instance path). Errors, per-event delay (arrival − the emulator's `x_sent_at`, absolute
 *     and added over direct), server RSS (peak of the process tree, sampled from /proc) and CPU.
 *  2. Reconnect: while 50 answers stream, each reader drops after some chunks and comes back 250 ms
 *     later with `?lastEventId=`: the time from that request to the first missed event (target
 *     < 50 ms p50), on one instance, and dropped on A, resumed on B.
 *
 * Title calls after each new conversation's first answer are part of the load, as in real use.
 *
 *   npm run bench -- --only generations [--quick]      (needs a production build)
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "../../tests/support/parley-server";
import { type Child, startChild, stopChild, stopChildren, waitFor } from "./children";
import {
  crossStream,
  directStream,
  postStream,
  type ReconnectResult,
  reconnectStream,
  type StreamResult,
} from "./generation-streams";
import {
  type GenerationRow,
  type GenerationsResult,
  type Measured,
  type ReconnectRow,
  reconnectRow,
  streamRow,
} from "./generations-report";
import { hostCpuTicks, serviceCpuSeconds, treeCpuSeconds, treeRssBytes } from "./proc-cpu";

const root = path.resolve(__dirname, "../..");
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
/** BENCH_KEEP=1: keep the servers' logs and the PostgreSQL database for a look afterwards. */
const KEEP = process.env.BENCH_KEEP === "1";
/** ~1,000 tokens in 16-character chunks every 40 ms: ~225 chunks over ~9 s, ~100 tokens/s. */
const PROMPT = "Benchmark generation [long:1000][pace:first=0,chunk=40,size=16]";

type Plan = { streams: number; spreadMs: number; reconnects: number };

const servicesCpuSeconds = () => serviceCpuSeconds("postgres") + serviceCpuSeconds("redis-server");
const sumCpuMs = (pids: number[], before: number[]) =>
  pids.reduce((sum, pid, k) => sum + (treeCpuSeconds(pid) - before[k]!) * 1000, 0);

/** Runs `n` streams with starts spread over `spreadMs`, sampling the servers' RSS and CPU meanwhile. */
async function measure(
  pids: number[],
  n: number,
  spreadMs: number,
  one: (i: number) => Promise<StreamResult>,
): Promise<Measured> {
  const rssIdle = pids.map(treeRssBytes);
  const rssPeak = [...rssIdle];
  const sample = () => {
    for (const [k, pid] of pids.entries()) rssPeak[k] = Math.max(rssPeak[k]!, treeRssBytes(pid));
  };
  const sampler = setInterval(sample, 250);
  const cpuBefore = pids.map(treeCpuSeconds);
  const servicesBefore = servicesCpuSeconds();
  const hostBefore = hostCpuTicks();
  let open = 0;
  let peakOpen = 0;
  const startedAt = performance.now();
  try {
    const results = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        await new Promise((r) => setTimeout(r, n > 1 ? (i / n) * spreadMs : 0));
        peakOpen = Math.max(peakOpen, ++open);
        try {
          return await one(i);
        } finally {
          open--;
        }
      }),
    );
    sample();
    const host = hostCpuTicks();
    return {
      results,
      peakOpen,
      wallS: (performance.now() - startedAt) / 1000,
      cost: {
        rssIdle,
        rssPeak,
        cpuMs: sumCpuMs(pids, cpuBefore),
        servicesCpuMs: (servicesCpuSeconds() - servicesBefore) * 1000,
        hostBusyPct: (100 * (host.busy - hostBefore.busy)) / Math.max(1, host.total - hostBefore.total),
      },
    };
  } finally {
    clearInterval(sampler);
  }
}

/** CPU of `pids` per short answer, one at a time: what a generation costs apart from its events. */
async function cpuPerAnswer(pids: number[], base: string, count = 20): Promise<number> {
  const before = pids.map(treeCpuSeconds);
  for (let i = 0; i < count; i++) await postStream(base, `Hi [pace:first=0,chunk=0] #answer ${i}`);
  return sumCpuMs(pids, before) / count;
}

/** `n` answers streaming at once (starts over 1 s), each dropped after 8–15 chunks and resumed. */
function reconnects(n: number, start: string, resume: string): Promise<ReconnectResult[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / n) * 1000));
      return reconnectStream(start, resume, `${PROMPT} reconnect #${i}`, 8 + (i % 8));
    }),
  );
}

function startParley(name: string, env: Record<string, string>, logDir: string, port: number): Child {
  return startChild(
    name,
    path.join(root, "node_modules/.bin/next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AIGATEWAY_API_KEY: "bench-key",
      MAX_GENERATIONS_PER_USER: "1000",
      PORT: String(port),
      ...env,
    },
    logDir,
  );
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const prompt = (i: number) => `${PROMPT} #${i}`;

/** One Parley on PGlite (its default) with the in-memory event log. */
async function singleInstance(
  plan: Plan,
  emuUrl: string,
  work: string,
  children: Child[],
  direct: GenerationRow,
): Promise<{ row: GenerationRow; reconnect: ReconnectRow }> {
  const port = await freePort();
  const env = {
    AIGATEWAY_BASE_URL: emuUrl,
    DATABASE_URL: "",
    REDIS_URL: "",
    PARLEY_DATA_DIR: path.join(work, "single-data"),
  };
  const single = startParley("single", env, work, port);
  children.push(single);
  const s = `http://127.0.0.1:${port}`;
  await waitFor(`${s}/api/health?ready`, single);
  // Warm up (JIT, route bundles, connection pools) before measuring.
  await measure([], 2, 0, (i) => postStream(s, `warm-up ${prompt(i)}`));
  await reconnects(2, s, s);
  const m = await measure([single.pid], plan.streams, plan.spreadMs, (i) => postStream(s, prompt(i)));
  const row = streamRow("1 instance (PGlite, memory log): POST /api/chat, read its stream", 1, m, { direct });
  row.cpuMsPerGeneration = await cpuPerAnswer([single.pid], s);
  const reconnect = reconnectRow(
    "1 instance: drop, reconnect on the same instance",
    await reconnects(plan.reconnects, s, s),
  );
  await stopChild(single);
  return { row, reconnect };
}

/** Two Parleys on one PostgreSQL database and Redis: A and B share the streams, B reads some of A's. */
async function twoInstances(
  plan: Plan,
  emuUrl: string,
  databaseUrl: string,
  work: string,
  children: Child[],
  direct: GenerationRow,
): Promise<{ rows: GenerationRow[]; reconnect: ReconnectRow[] }> {
  const shared = {
    AIGATEWAY_BASE_URL: emuUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    PARLEY_DATA_DIR: path.join(work, "pair-data"),
  };
  const [aPort, bPort] = [await freePort(), await freePort()];
  const A = `http://127.0.0.1:${aPort}`;
  const B = `http://127.0.0.1:${bPort}`;
  // One after the other: the first runs the migrations on the fresh database.
  const a = startParley("instance-a", { ...shared, PARLEY_INSTANCE_ID: "bench-a" }, work, aPort);
  children.push(a);
  await waitFor(`${A}/api/health?ready`, a);
  const b = startParley("instance-b", { ...shared, PARLEY_INSTANCE_ID: "bench-b" }, work, bPort);
  children.push(b);
  await waitFor(`${B}/api/health?ready`, b);
  const deep = await fetch(`${A}/api/health?deep`);
  if (deep.status !== 200)
    throw new Error(`instance A is unhealthy (Redis at ${REDIS_URL}?): ${await deep.text()}`);

  await measure([], 4, 0, (i) =>
    i < 2 ? postStream(i % 2 ? B : A, `warm-up ${prompt(i)}`) : crossStream(A, B, `warm-up ${prompt(i)}`),
  );
  await reconnects(2, A, B);
  // Odd streams go to B, even ones to A (a load balancer); every other one begun on A is read from B.
  const cross = (i: number) => i % 4 === 0;
  const m = await measure([a.pid, b.pid], plan.streams, plan.spreadMs, (i) =>
    cross(i) ? crossStream(A, B, prompt(i)) : postStream(i % 2 ? B : A, prompt(i)),
  );
  const part = (keep: (i: number) => boolean): Measured => ({
    results: m.results.filter((_, i) => keep(i)),
    peakOpen: m.peakOpen,
    wallS: m.wallS,
    cost: null,
  });
  const all = streamRow("2 instances (PostgreSQL + Redis): all streams", 2, m, {
    direct,
    withServices: true,
  });
  all.cpuMsPerGeneration = await cpuPerAnswer([a.pid, b.pid], A);
  const rows = [
    all,
    streamRow(
      "  ↳ local: POST /api/chat on A or B, read its stream",
      2,
      part((i) => !cross(i)),
      { direct },
    ),
    streamRow("  ↳ cross: POST on A, GET /stream on B (via Redis)", 2, part(cross), { direct }),
  ];
  const reconnect = [
    reconnectRow("2 instances: drop on A, reconnect on A", await reconnects(plan.reconnects, A, A)),
    reconnectRow(
      "2 instances: drop on A, reconnect on B (via Redis)",
      await reconnects(plan.reconnects, A, B),
    ),
  ];
  return { rows, reconnect };
}

export async function runGenerationsBench(opts: { quick?: boolean } = {}): Promise<GenerationsResult> {
  const plan: Plan = opts.quick
    ? { streams: 50, spreadMs: 2000, reconnects: 20 }
    : { streams: 500, spreadMs: 5000, reconnects: 50 };
  const work = mkdtempSync(path.join(tmpdir(), "parley-bench-gen-"));
  const result: GenerationsResult = { streams: [], reconnect: [], notes: [] };
  const children: Child[] = [];
  let dbName: string | null = null;
  let keepLogs = true;
  try {
    const emuPort = await freePort();
    const emuUrl = `http://127.0.0.1:${emuPort}/v1`;
    const emulator = startChild(
      "emulator",
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/gateway-emulate.ts", "--port", String(emuPort), "--stamp", "--quiet"],
      {},
      work,
    );
    children.push(emulator);
    await waitFor(`${emuUrl}/models`, emulator, { headers: { authorization: "Bearer x" } });

    // Direct: the floor, measured while no Parley runs.
    await measure([], 2, 0, (i) => directStream(emuUrl, `warm-up ${prompt(i)}`));
    const direct = streamRow(
      "direct: client ← emulator (no Parley)",
      0,
      await measure([], plan.streams, plan.spreadMs, (i) => directStream(emuUrl, prompt(i))),
    );
    result.streams.push(direct);

    const single = await singleInstance(plan, emuUrl, work, children, direct);
    result.streams.push(single.row);
    result.reconnect.push(single.reconnect);

    const name = `parley_bench_${randomBytes(6).toString("hex")}`;
    try {
      await adminQuery(`create database ${name}`);
      dbName = name;
    } catch (e) {
      result.notes.push(`two instances skipped: PostgreSQL at ${ADMIN_URL}: ${(e as Error).message}`);
    }
    if (dbName) {
      const url = new URL(ADMIN_URL);
      url.pathname = `/${dbName}`;
      const two = await twoInstances(plan, emuUrl, url.toString(), work, children, direct);
      result.streams.push(...two.rows);
      result.reconnect.push(...two.reconnect);
    }
    keepLogs = KEEP || result.streams.some((r) => r.errors > 0) || result.reconnect.some((r) => r.errors > 0);
    if (keepLogs) result.notes.push(`server logs kept in ${work}`);
    if (KEEP && dbName) result.notes.push(`database kept: ${dbName} (drop database ${dbName} with (force))`);
    return result;
  } catch (e) {
    console.error(`generations benchmark failed; server logs in ${work}`);
    throw e;
  } finally {
    await stopChildren(children);
    if (dbName && !KEEP)
      await adminQuery(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    for (const dir of ["single-data", "pair-data"])
      rmSync(path.join(work, dir), { recursive: true, force: true });
    if (!keepLogs) rmSync(work, { recursive: true, force: true });
  }
}

export function describePlan(quick: boolean): string {
  const p = quick
    ? "50 answers at once, starts spread over 2 s"
    : "500 answers at once, starts spread over 5 s";
  return `${p}; each ~225 chunks of 16 characters every 40 ms (~100 tokens/s, ~9 s), then a title call`;
}
