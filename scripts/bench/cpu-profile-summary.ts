/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`): the functions with the most self time,
 * the most inclusive time, and self time by package (node_modules/<name>, node: internals, Next's
 * compiled vendor code, Parley's own code). Reads every file given; several profiles add up.
 * `--last S` keeps only the last S seconds of each profile (the load, not start-up); `--grep`
 * filters the printed functions.
 * Usage: tsx scripts/bench/cpu-profile-summary.ts [--top N] [--grep text] [--last S] file.cpuprofile…
 */
import { readFileSync } from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[]; hitCount?: number };
type Profile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

const args = process.argv.slice(2);
const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 30;
const grep = args.includes("--grep") ? args[args.indexOf("--grep") + 1] : undefined;
const last = args.includes("--last") ? Number(args[args.indexOf("--last") + 1]) * 1e6 : Infinity;
const files = args.filter(
  (a, i) => !a.startsWith("--") && !["--top", "--grep", "--last"].includes(args[i - 1] ?? ""),
);

/** Where a function lives, coarsely: a package, node internals, Next's bundled code, or ours. */
export function packageOf(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (name === "next") {
      const compiled = url.indexOf("/compiled/");
      if (compiled >= 0) return `next/compiled/${url.slice(compiled + 10).split("/")[0]}`;
      return `next/${rest.slice(2, 4).join("/")}`;
    }
    return name;
  }
  if (url.includes("/.next/server/chunks/")) return "app bundle (.next/server/chunks)";
  if (url.includes("/.next/")) return "app bundle (.next)";
  return url.replace(/^file:\/\//, "");
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;

for (const file of files) {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const f = n.callFrame;
    const where = f.url ? `${packageOf(f.url)} ${f.url.split("/").pop()}:${f.lineNumber + 1}` : "";
    return `${f.functionName || "(anonymous)"} ${where}`.trim();
  };
  const from = p.endTime - last;
  let at = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const us = p.timeDeltas[i + 1] ?? 0;
    at += p.timeDeltas[i] ?? 0;
    if (at < from) continue;
    const node = byId.get(p.samples[i]!)!;
    if (node.callFrame.functionName === "(idle)") continue;
    total += us;
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + us);
    const pkg = packageOf(node.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    // Inclusive: every distinct function on the stack once.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const kk = key(byId.get(id)!);
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + us);
    }
  }
}

const ms = (us: number) => (us / 1000).toFixed(1).padStart(9);
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
function print(title: string, m: Map<string, number>, n: number): void {
  console.log(`\n${title}`);
  const rows = [...m].filter(([k]) => !grep || k.includes(grep)).sort((a, b) => b[1] - a[1]);
  for (const [k, us] of rows.slice(0, n)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
}
console.log(`busy (non-idle) samples: ${(total / 1000).toFixed(0)} ms across ${files.length} profile(s)`);
print("self time by package", byPackage, top);
print("self time by function", self, top);
print("inclusive time by function", inclusive, top);
