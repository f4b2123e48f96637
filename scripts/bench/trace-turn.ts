/**
 * Traces one chat turn in Chromium, from the send click to the end of the turn (the answer done,
 * the title in the sidebar, the network quiet), and prints every main-thread task over a threshold
 * with what ran in it: the timeline events inside it (script, style, layout, paint, GC) and the
 * JavaScript functions with the most samples (self and total) from V8's CPU profiler. The raw
 * trace is kept for DevTools (Performance panel → Load profile).
 *
 *   npx tsx scripts/bench/trace-turn.ts [--tokens N] [--pace MARKER] [--over MS] [--js] [--out FILE]   (needs `npx next build`)
 *
 * The production bundle is minified: build with source maps in another dist dir
 * (PARLEY_DIST_DIR=.next-trace, productionBrowserSourceMaps) to read real names, or go by file
 * and the framework's names that survive minification.
 */
import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { startParley } from "../../tests/support/parley-server";
import { CHROMIUM_ARGS, prepareChatPage, sendTurnAndSettle } from "./turn-page";

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: less than `dur` when the renderer was preempted mid-task. */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { cpuProfile?: CpuProfileChunk } };
};
type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; parent?: number; callFrame: CallFrame };
type CpuProfileChunk = { nodes?: ProfileNode[]; samples?: number[] };

const TIMELINE = new Set([
  "FunctionCall",
  "EvaluateScript",
  "v8.compile",
  "v8.compileModule",
  "EventDispatch",
  "TimerFire",
  "FireAnimationFrame",
  "XHRReadyStateChange",
  "ResourceReceivedData",
  "UpdateLayoutTree",
  "Layout",
  "PrePaint",
  "Paint",
  "Layerize",
  "UpdateLayer",
  "ParseHTML",
  "MinorGC",
  "MajorGC",
  "V8.GC_SCAVENGER",
  "V8.GC_MARK_COMPACTOR",
  "RunMicrotasks",
  "HitTest",
  "ScheduleStyleRecalculation",
  "IntersectionObserverController::computeIntersections",
]);

function frameName(f: CallFrame): string {
  const file = f.url ? f.url.replace(/^.*\/_next\/static\/chunks\//, "") : "";
  return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
}

/** Samples of the renderer's CPU profile as (time, stack of frame names), leaf first. */
function profileSamples(events: TraceEvent[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const out: { t: number; stack: string[] }[] = [];
  const starts = new Map<string, number>();
  for (const e of events) {
    if (e.name === "Profile" && e.pid === pid && e.id) {
      starts.set(e.id, Number((e.args?.data as { startTime?: number })?.startTime ?? e.ts));
    }
  }
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.name !== "ProfileChunk" || e.pid !== pid || !e.id) continue;
    const data = e.args?.data as { cpuProfile?: CpuProfileChunk; timeDeltas?: number[] } | undefined;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    let t = clock.get(e.id) ?? starts.get(e.id) ?? e.ts;
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (const [i, id] of samples.entries()) {
      t += deltas[i] ?? 0;
      const stack: string[] = [];
      for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
        stack.push(frameName(n.callFrame));
      }
      out.push({ t, stack });
    }
    clock.set(e.id, t);
  }
  void tid;
  return out;
}

function top(map: Map<string, number>, n: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Drops the tasks nested in another one (Chromium logs RunTask inside ThreadControllerImpl::RunTask). */
function outermost(tasks: TraceEvent[]): TraceEvent[] {
  const sorted = [...tasks].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: TraceEvent[] = [];
  for (const t of sorted) {
    const last = out.at(-1);
    if (last && t.ts < last.ts + (last.dur ?? 0)) continue;
    out.push(t);
  }
  return out;
}

export function analyse(events: TraceEvent[], overMs: number, from = 0): void {
  const mainThreads = events.filter(
    (e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain",
  );
  // The page's renderer is the one with the most top-level task time.
  let best: { pid: number; tid: number; busy: number } | null = null;
  for (const m of mainThreads) {
    const busy = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === "X" && e.name.endsWith("RunTask"))
      .reduce((s, e) => s + (e.dur ?? 0), 0);
    if (!best || busy > best.busy) best = { pid: m.pid, tid: m.tid, busy };
  }
  if (!best) throw new Error("no renderer main thread in the trace");
  const onMain = events.filter((e) => e.pid === best.pid && e.tid === best.tid && e.ph === "X");
  const tasks = outermost(
    onMain.filter((e) => e.name.endsWith("RunTask") && e.ts >= from && (e.dur ?? 0) / 1000 > overMs),
  );
  const samples = profileSamples(events, best.pid, best.tid);
  const t0 = from || (onMain[0]?.ts ?? 0);
  console.log(`\n${tasks.length} main-thread task(s) over ${overMs} ms`);
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    console.log(
      `\n=== task at +${((task.ts - t0) / 1000).toFixed(0)} ms: ${((task.dur ?? 0) / 1000).toFixed(1)} ms wall, ${((task.tdur ?? task.dur ?? 0) / 1000).toFixed(1)} ms thread time`,
    );
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts < end && e !== task && TIMELINE.has(e.name));
    const byName = new Map<string, number>();
    for (const e of inside) {
      const d = e.args?.data as { functionName?: string; url?: string; type?: string } | undefined;
      const label =
        e.name === "FunctionCall" || e.name === "EventDispatch" || e.name === "EvaluateScript"
          ? `${e.name} ${d?.type ?? ""}${d?.functionName ?? ""} ${(d?.url ?? "").replace(/^.*\//, "")}`
          : e.name;
      byName.set(label, (byName.get(label) ?? 0) + (e.dur ?? 0) / 1000);
    }
    console.log("  timeline (ms, nested events counted in each):");
    for (const [k, v] of top(byName, 14)) console.log(`    ${v.toFixed(1).padStart(7)}  ${k}`);
    const within = samples.filter((s) => s.t >= task.ts && s.t < end);
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    for (const s of within) {
      const leaf = s.stack[0] ?? "(idle)";
      self.set(leaf, (self.get(leaf) ?? 0) + 1);
      for (const f of new Set(s.stack)) total.set(f, (total.get(f) ?? 0) + 1);
    }
    console.log(`  JS samples: ${within.length}; top self:`);
    for (const [k, v] of top(self, 15)) console.log(`    ${String(v).padStart(5)}  ${k}`);
    console.log("  top total:");
    for (const [k, v] of top(total, 25)) console.log(`    ${String(v).padStart(5)}  ${k}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string) =>
    args.includes(name) ? (args[args.indexOf(name) + 1] ?? dflt) : dflt;
  const tokens = Number(opt("--tokens", "2000"));
  const overMs = Number(opt("--over", "30"));
  const out = opt("--out", `/tmp/parley-turn-trace-${process.pid}.json`);
  const server = await startParley({
    AIGATEWAY_API_KEY: "",
    EMULATOR_FIRST_BYTE_MS: "0",
    PARLEY_DATA_DIR: `/tmp/parley-trace-turn-${process.pid}`,
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await prepareChatPage(page, server.url);
    await browser.startTracing(page, {
      categories: [
        "toplevel",
        "devtools.timeline",
        "v8.execute",
        "blink.user_timing",
        // The sampling profiler slows the page down (tasks read ~1.5–2× longer): only with --js.
        ...(args.includes("--js") ? ["disabled-by-default-v8.cpu_profiler"] : []),
      ],
    });
    // A mark the analysis starts from (trace clock): the send click.
    await sendTurnAndSettle(
      page,
      `Benchmark answer [long:${tokens}] ${opt("--pace", "[pace:first=0,chunk=20,size=8]")}`,
    );
    const trace = await browser.stopTracing();
    writeFileSync(out, trace);
    const events = (JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
    const mark = events.find((e) => e.name === "parley:send");
    analyse(events, overMs, mark?.ts ?? 0);
    console.log(`\ntrace: ${out}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
