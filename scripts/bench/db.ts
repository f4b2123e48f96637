/**
 * Database benchmark: 10,000 conversations plus one of 2,000 messages, on PGlite and on
 * PostgreSQL (a dedicated database, created and dropped here). For each driver it reports
 *  - server time: the sidebar's first page and opening the long conversation, through the same
 *    query functions and arguments the routes get from the browser (p50/p95 over repeated runs),
 *    plus the page of older messages a scroll-up fetches;
 *  - time to first paint in Chromium against `next start` on that data: `/` until the first
 *    conversation in the sidebar is on screen, `/c/<id>` until the last message is, and how many
 *    messages the page keeps mounted.
 *
 *   npx tsx scripts/bench/db.ts [--quick]     (needs a production build, `npx next build`)
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type Browser, chromium } from "@playwright/test";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { createDb, type Db, type DbHandle, type DriverName } from "../../lib/db/connect";
import { getConversation } from "../../lib/db/queries/conversations";
import { listConversations } from "../../lib/db/queries/list-conversations";
import { listMessages } from "../../lib/db/queries/list-messages";
import { startParley } from "../../tests/support/parley-server";
import { type PaintSample, paintSamples } from "./db-paint";
import { type Seeded, seedBenchData } from "./db-seed";
import { paintFloor } from "./paint-floor";
import { recordTarget } from "./targets";

const CONVERSATIONS = 10_000;
const LONG_MESSAGES = 2_000;
/** What the browser asks for (lib/client/conversations-api.ts, lib/client/use-older-messages.ts). */
const SIDEBAR_PAGE = 30;
const OPEN_PAGE = 50;
const OLDER_PAGE = 50;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

export type DbRow = {
  driver: DriverName;
  metric: string;
  p50: number | null;
  p95: number | null;
  unit: string;
  n: number;
};

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function row(driver: DriverName, metric: string, values: number[], unit = "ms"): DbRow {
  return { driver, metric, p50: percentile(values, 50), p95: percentile(values, 95), unit, n: values.length };
}

async function timeRuns(fn: () => Promise<unknown>, warmup: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

async function serverRows(driver: DriverName, db: Db, seeded: Seeded, quick: boolean): Promise<DbRow[]> {
  const { userId, longId: conversationId } = seeded;
  const runs = quick ? 20 : 100;
  const list = await timeRuns(
    () => listConversations(db, { userId, pinned: false, limit: SIDEBAR_PAGE }),
    5,
    runs,
  );
  // GET /api/conversations/<id>: the conversation, then its latest page.
  const open = await timeRuns(
    async () => {
      await getConversation(db, { userId, conversationId });
      return listMessages(db, { userId, conversationId, limit: OPEN_PAGE });
    },
    5,
    runs,
  );
  const latest = await listMessages(db, { userId, conversationId, limit: OPEN_PAGE });
  const before = latest.messages[0]!.id;
  const older = await timeRuns(
    () => listMessages(db, { userId, conversationId, before, limit: OLDER_PAGE }),
    5,
    runs,
  );
  return [
    row(driver, SERVER_LIST, list),
    row(driver, SERVER_OPEN, open),
    row(driver, `server: older page on scroll-up (${OLDER_PAGE})`, older),
  ];
}

async function paintRows(
  driver: DriverName,
  browser: Browser,
  env: Record<string, string>,
  seeded: Seeded,
  quick: boolean,
): Promise<DbRow[]> {
  const server = await startParley({ AIGATEWAY_API_KEY: "", ...env });
  try {
    const opts = { warmup: 2, runs: quick ? 3 : 10 };
    const home = await paintSamples(
      browser,
      { url: `${server.url}/`, selector: '[data-testid="conversation-item"]', api: "/api/conversations?" },
      opts,
    );
    const long = await paintSamples(
      browser,
      {
        url: `${server.url}/c/${seeded.longId}`,
        selector: '[data-testid="message"]',
        text: seeded.lastMessageText,
        api: `/api/conversations/${seeded.longId}?`,
      },
      opts,
    );
    const pick = (s: PaintSample[], k: keyof PaintSample) =>
      s.map((x) => x[k]).filter((v): v is number => v !== null);
    // The list is in the first paint when the probe saw it no later than FCP: then this is FCP.
    const fcpWithList = home.map((x) => Math.max(x.fcpMs ?? Number.POSITIVE_INFINITY, x.visibleMs));
    // The browser's share: the same HTML (scripts removed) from a server that answers at once.
    const homeHtml = await (await fetch(`${server.url}/`)).text();
    const floor = await paintFloor(browser, homeHtml, '[data-testid="conversation-item"]', opts);
    return [
      row(driver, "floor: one-line page, first contentful paint", pick(floor.trivial, "fcpMs")),
      row(
        driver,
        `floor: /'s HTML (${Math.round(homeHtml.length / 1024)} KB) without scripts, static: FCP`,
        pick(floor.sameHtml, "fcpMs"),
      ),
      row(driver, "browser /: time to first byte", pick(home, "ttfbMs")),
      row(driver, "browser /: HTML received", pick(home, "htmlEndMs")),
      row(driver, "browser /: stylesheets received", pick(home, "cssEndMs")),
      row(driver, "browser /: first contentful paint", pick(home, "fcpMs")),
      row(driver, "browser /: list requests from the page", pick(home, "apiRequests"), "req"),
      row(driver, "browser /: sidebar list visible", pick(home, "visibleMs")),
      row(driver, FCP_WITH_LIST, fcpWithList),
      row(driver, "browser /c/<long>: time to first byte", pick(long, "ttfbMs")),
      row(driver, "browser /c/<long>: HTML received", pick(long, "htmlEndMs")),
      row(driver, "browser /c/<long>: stylesheets received", pick(long, "cssEndMs")),
      row(driver, "browser /c/<long>: first contentful paint", pick(long, "fcpMs")),
      row(driver, "browser /c/<long>: messages requests from the page", pick(long, "apiRequests"), "req"),
      row(driver, LAST_MESSAGE_VISIBLE, pick(long, "visibleMs")),
      row(driver, "browser /c/<long>: messages mounted", pick(long, "mountedMessages"), "el"),
    ];
  } catch (e) {
    console.error(server.logs().slice(-4000));
    throw e;
  } finally {
    await server.stop();
  }
}

const FCP_WITH_LIST = "browser /: FCP with the list (max of FCP, list visible)";
const LAST_MESSAGE_VISIBLE = "browser /c/<long>: last message visible";
const SERVER_LIST = `server: sidebar first page (${SIDEBAR_PAGE} of ${CONVERSATIONS})`;
const SERVER_OPEN = `server: open long conversation (last ${OPEN_PAGE} of ${LONG_MESSAGES})`;

/**
 * Issue 12's first-paint targets, on PGlite (PostgreSQL's figures stay in the table): p50 of the
 * runs, with the time to first byte and the server's own query time beside them.
 */
function recordFirstPaintTargets(rows: DbRow[]): void {
  const p50 = (metric: string) => rows.find((r) => r.driver === "pglite" && r.metric === metric)?.p50 ?? null;
  const ms = (v: number | null) => (v === null ? "—" : `${Math.round(v)} ms`);
  const fcp = p50(FCP_WITH_LIST);
  const floorSame = () =>
    rows.find((r) => r.driver === "pglite" && r.metric.startsWith("floor: /'s HTML"))?.p50 ?? null;
  recordTarget({
    area: "first paint",
    metric: "FCP with sidebar list (10k conversations)",
    value: fcp,
    unit: "ms",
    target: "< 300 ms",
    met: fcp === null ? null : fcp < 300,
    detail: `FCP ${ms(p50("browser /: first contentful paint"))}; the same HTML without scripts from a static server ${ms(floorSame())}, a one-line page ${ms(p50("floor: one-line page, first contentful paint"))}; list visible ${ms(p50("browser /: sidebar list visible"))}, TTFB ${ms(p50("browser /: time to first byte"))}, queries ${ms(p50(SERVER_LIST))} (PGlite)`,
  });
  const last = p50(LAST_MESSAGE_VISIBLE);
  recordTarget({
    area: "first paint",
    metric: "last message of a 2,000-message conversation visible",
    value: last,
    unit: "ms",
    target: "< 500 ms",
    met: last === null ? null : last < 500,
    detail: `FCP ${ms(p50("browser /c/<long>: first contentful paint"))}, TTFB ${ms(p50("browser /c/<long>: time to first byte"))}, queries ${ms(p50(SERVER_OPEN))} (PGlite)`,
  });
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Seeds, measures the queries, closes the database (PGlite allows one process), then the browser. */
async function benchDriver(driver: DriverName, browser: Browser, quick: boolean): Promise<DbRow[]> {
  const dataDir = path.join(tmpdir(), `parley-db-bench-${process.pid}-${driver}`);
  const dbName = `parley_bench_${randomBytes(4).toString("hex")}`;
  let url: string | undefined;
  // Where the app keeps PGlite (lib/db/client.ts); PGlite does not create parent folders.
  mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
  if (driver === "postgres") {
    await admin(`create database ${dbName}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  try {
    let handle: DbHandle | undefined;
    let rows: DbRow[];
    let seeded: Seeded;
    try {
      handle =
        driver === "postgres"
          ? await createDb({ driver, url })
          : await createDb({ driver, dataDir: path.join(dataDir, "pglite") });
      const t0 = performance.now();
      seeded = await seedBenchData(handle.db, { conversations: CONVERSATIONS, longMessages: LONG_MESSAGES });
      await handle.db.execute(sql`analyze`); // fresh statistics, as autovacuum would soon give
      const seedSeconds = (performance.now() - t0) / 1000;
      console.log(`[db bench] ${driver}: seeded ${seeded.rows} rows in ${seedSeconds.toFixed(1)} s`);
      rows = [row(driver, "seed (bulk insert, one transaction)", [seedSeconds], "s")];
      rows.push(...(await serverRows(driver, handle.db, seeded, quick)));
    } finally {
      await handle?.close();
    }
    const env: Record<string, string> =
      driver === "postgres" ? { DATABASE_URL: url! } : { DATABASE_URL: "", PARLEY_DATA_DIR: dataDir };
    rows.push(...(await paintRows(driver, browser, env, seeded, quick)));
    return rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (driver === "postgres") await admin(`drop database if exists ${dbName} with (force)`);
  }
}

export async function runDbBench(opts: { quick?: boolean } = {}): Promise<DbRow[]> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const rows: DbRow[] = [];
    for (const driver of ["pglite", "postgres"] as const)
      rows.push(...(await benchDriver(driver, browser, !!opts.quick)));
    printDbRows(rows);
    recordFirstPaintTargets(rows);
    return rows;
  } finally {
    await browser.close();
  }
}

export function printDbRows(rows: DbRow[]): void {
  console.log(`\nDatabase: ${CONVERSATIONS} conversations + one of ${LONG_MESSAGES} messages`);
  console.log(
    `${"driver".padEnd(9)} ${"metric".padEnd(58)} ${"p50".padStart(9)} ${"p95".padStart(9)}  unit  n`,
  );
  const fmt = (v: number | null) => (v === null ? "—" : v.toFixed(v >= 100 ? 0 : 1));
  for (const r of rows) {
    console.log(
      `${r.driver.padEnd(9)} ${r.metric.padEnd(58)} ${fmt(r.p50).padStart(9)} ${fmt(r.p95).padStart(9)}  ${r.unit.padEnd(4)}  ${r.n}`,
    );
  }
}

/** Entry point for scripts/bench/index.ts (`npm run bench -- --only db`). */
export function run(opts: { quick: boolean }): Promise<DbRow[]> {
  return runDbBench(opts);
}

if (require.main === module) {
  runDbBench({ quick: process.argv.includes("--quick") }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
