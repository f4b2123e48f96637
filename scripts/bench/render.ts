/**
 * Render benchmark: a long markdown answer (prose, lists, ~8 fenced code blocks, 3 tables) from
 * the demo gateway's `[long:N]` marker, streamed at 100 tokens/s into the real chat page in
 * Chromium (production build, demo mode). Reports:
 *  - main-thread busy time per 1,000 tokens for the first and the last 1,000 tokens
 *    (CDP Performance.getMetrics TaskDuration, positions from bytes received on /api/chat);
 *  - the longest main-thread task and the tasks over 50 ms (trace "toplevel" RunTask events on
 *    the renderer main thread, cross-checked with a PerformanceObserver for longtask);
 *  - frames per second while streaming (requestAnimationFrame count);
 *  - total main-thread time when the same answer arrives as fast as the server can send it.
 * The chat page's first-load JavaScript is measured by ./bundle.ts.
 *
 *   npx tsx scripts/bench/render.ts [--quick] [--tokens N]     (needs `npx next build`)
 */
import { type Browser, type CDPSession, chromium, type Page } from "@playwright/test";
import { PARAM_RANGES } from "../../lib/validations/chat";
import { startParley } from "../../tests/support/parley-server";

const TOKENS_PER_SECOND = 100;
/** Emulator pieces are ~8 characters (~2 tokens); 50 a second is 100 tokens a second. */
const PACE = "[pace:first=0,chunk=20,size=8]";
const FAST = "[pace:first=0,chunk=0,size=64]";

export type RenderRow = {
  metric: string;
  value: number | null;
  unit: string;
  target: string;
  pass: boolean | null;
};

type Sample = { t: number; taskMs: number };

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Frame counter and long-task observer, installed before the page's own scripts. A string, not a
 * function: tsx's name-keeping helper (`__name`) does not exist inside the page.
 */
const PAGE_PROBES = `(() => {
  const b = (window.__bench = { frames: 0, longTasks: [] });
  const tick = () => { b.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); })
      .observe({ type: "longtask", buffered: true });
  } catch {}
})();`;

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
}

/** Linear interpolation of cumulative busy time at time t. */
function busyAt(samples: Sample[], t: number): number {
  let prev = samples[0]!;
  for (const s of samples) {
    if (s.t >= t) {
      const span = s.t - prev.t;
      return span <= 0 ? s.taskMs : prev.taskMs + ((s.taskMs - prev.taskMs) * (t - prev.t)) / span;
    }
    prev = s;
  }
  return prev.taskMs;
}

async function sendAndWait(page: Page, prompt: string, onTick?: () => Promise<void>): Promise<void> {
  // The default max_tokens (4096) would cut a long answer short: raise it to the limit.
  await page.getByTestId("settings-toggle").click();
  await page.getByTestId("setting-max_tokens").fill(String(PARAM_RANGES.max_tokens.max));
  await page.getByRole("button", { name: "Close settings" }).click();
  await page.getByTestId("composer-input").fill(prompt);
  await page.getByTestId("composer-input").press("Enter");
  const last = page.locator('[data-testid="message"][data-role="assistant"]').last();
  await last.waitFor();
  for (;;) {
    const status = await last.getAttribute("data-status");
    if (status && status !== "streaming") {
      if (status !== "done") throw new Error(`answer ended with status ${status}`);
      return;
    }
    await onTick?.();
    await page.waitForTimeout(250); // sampling interval of the benchmark, not a test synchronisation
  }
}

/** RunTask slices on the renderer main thread, from a Chromium trace (microseconds → ms). */
function mainThreadTasks(trace: Buffer): number[] {
  type Ev = { name: string; ph: string; pid: number; tid: number; dur?: number; args?: { name?: string } };
  const events = (JSON.parse(trace.toString("utf8")) as { traceEvents: Ev[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter(
      (e) =>
        e.ph === "X" &&
        (e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask") &&
        main.has(`${e.pid}:${e.tid}`),
    )
    .map((e) => (e.dur ?? 0) / 1000);
}

async function streamRun(browser: Browser, url: string, tokens: number) {
  const page = await browser.newPage();
  await page.addInitScript({ content: PAGE_PROBES });
  await page.goto(url);
  await page.getByTestId("model-picker").selectOption("anthropic/claude-sonnet-4");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await cdp.send("Network.enable");
  const received: { t: number; bytes: number }[] = [];
  let chatRequestId: string | null = null;
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.endsWith("/api/chat")) chatRequestId = e.requestId;
  });
  cdp.on("Network.dataReceived", (e) => {
    if (e.requestId === chatRequestId) received.push({ t: performance.now(), bytes: e.dataLength });
  });
  const samples: Sample[] = [];
  const sample = async () => {
    samples.push({ t: performance.now(), taskMs: await taskMs(cdp) });
  };
  await browser.startTracing(page, { categories: ["toplevel"] });
  await sample();
  // Page-load long tasks (hydration) are not the stream's: count from here.
  const frames0 = (await page.evaluate("window.__bench.longTasks = []; window.__bench.frames")) as number;
  const t0 = performance.now();
  await sendAndWait(page, `Benchmark answer [long:${tokens}] ${PACE}`, sample);
  const seconds = (performance.now() - t0) / 1000;
  await sample();
  const probes = await page.evaluate(
    () => (window as unknown as { __bench: { frames: number; longTasks: number[] } }).__bench,
  );
  const trace = await browser.stopTracing();
  await page.close();

  // Token position over time from bytes received (frames are of similar size throughout).
  const total = received.reduce((n, r) => n + r.bytes, 0);
  let acc = 0;
  const at = received.map((r) => {
    acc += r.bytes;
    return { t: r.t, token: (acc / total) * tokens };
  });
  const timeOfToken = (k: number) => at.find((p) => p.token >= k)?.t ?? at.at(-1)!.t;
  const window1k = Math.min(1000, Math.floor(tokens / 4));
  const per1k = (from: number) =>
    ((busyAt(samples, timeOfToken(from + window1k)) - busyAt(samples, timeOfToken(from))) * 1000) / window1k;
  const tasks = mainThreadTasks(trace);
  return {
    firstPer1k: per1k(0),
    lastPer1k: per1k(tokens - window1k),
    longestTask: Math.max(0, ...tasks, ...probes.longTasks),
    over50: Math.max(tasks.filter((d) => d > 50).length, probes.longTasks.length),
    fps: (probes.frames - frames0) / seconds,
    seconds,
  };
}

async function fastRun(browser: Browser, url: string, tokens: number): Promise<number> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByTestId("model-picker").selectOption("anthropic/claude-sonnet-4");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const before = await taskMs(cdp);
  await sendAndWait(page, `Benchmark answer [long:${tokens}] ${FAST}`);
  const after = await taskMs(cdp);
  await page.close();
  return after - before;
}

export async function runRenderBench(opts: { quick?: boolean; tokens?: number } = {}): Promise<RenderRow[]> {
  const tokens = opts.tokens ?? (opts.quick ? 2000 : 20_000);
  const server = await startParley({
    AIGATEWAY_API_KEY: "",
    EMULATOR_FIRST_BYTE_MS: "0",
    PARLEY_DATA_DIR: `/tmp/parley-render-bench-${process.pid}`,
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    // Warm-up: the route, the highlighter chunk and the JIT.
    await fastRun(browser, server.url, 500);
    const s = await streamRun(browser, server.url, tokens);
    const fastMs = await fastRun(browser, server.url, tokens);
    const ratio = s.lastPer1k / s.firstPer1k;
    const rows: RenderRow[] = [
      {
        metric: `answer streamed (${tokens} tokens @ ${TOKENS_PER_SECOND} tok/s)`,
        value: s.seconds,
        unit: "s",
        target: "",
        pass: null,
      },
      { metric: "busy ms / 1k tokens, first 1k", value: s.firstPer1k, unit: "ms", target: "", pass: null },
      {
        metric: "busy ms / 1k tokens, last 1k",
        value: s.lastPer1k,
        unit: "ms",
        target: "≤ 1.3× first",
        pass: ratio <= 1.3,
      },
      { metric: "last / first", value: ratio, unit: "×", target: "≤ 1.3", pass: ratio <= 1.3 },
      {
        metric: "longest main-thread task",
        value: s.longestTask,
        unit: "ms",
        target: "≤ 50",
        pass: s.longestTask <= 50,
      },
      { metric: "tasks over 50 ms", value: s.over50, unit: "", target: "0", pass: s.over50 === 0 },
      {
        metric: "frames per second while streaming",
        value: s.fps,
        unit: "fps",
        target: "≥ 55",
        pass: s.fps >= 55,
      },
      { metric: "main-thread total, same answer unpaced", value: fastMs, unit: "ms", target: "", pass: null },
    ];
    printRenderRows(rows);
    return rows;
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function printRenderRows(rows: RenderRow[]): void {
  console.log("\nRender: long markdown answer streamed into the chat page (Chromium)");
  console.log(`${"metric".padEnd(50)} ${"value".padStart(10)}  unit  target          ok`);
  for (const r of rows) {
    const v = r.value === null ? "—" : r.value.toFixed(r.value >= 100 ? 0 : 2);
    const ok = r.pass === null ? "" : r.pass ? "yes" : "NO";
    console.log(
      `${r.metric.padEnd(50)} ${v.padStart(10)}  ${r.unit.padEnd(4)}  ${r.target.padEnd(14)}  ${ok}`,
    );
  }
}

/** Entry point for scripts/bench/index.ts (`npm run bench -- --only render`). */
export function run(opts: { quick?: boolean } = {}): Promise<RenderRow[]> {
  return runRenderBench(opts);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const tokensArg = args.includes("--tokens") ? Number(args[args.indexOf("--tokens") + 1]) : undefined;
  runRenderBench({ quick: args.includes("--quick"), tokens: tokensArg }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
