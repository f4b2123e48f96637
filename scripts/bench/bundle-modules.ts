/**
 * What the chat page's first-load JavaScript is made of, module by module: Next's bundle analyzer
 * (`next analyze -o`, an analysis build written to <distDir>/diagnostics/analyze, beside the real
 * build) exported for the route, keeping only the chunks the route loads to start (not the groups
 * loaded on demand), summed per package (node_modules) or per file of ours.
 *
 * Sizes are the analyzer's, each module compressed on its own: they add up to more than the
 * chunks gzipped whole (what scripts/bench/bundle.ts measures), but rank the modules the same.
 *
 *   npx tsx scripts/bench/bundle-modules.ts [--route /] [--top 40]     (takes a minute or two)
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export type ModuleSize = { name: string; kb: number; rawKb: number };

type Record =
  | { type: "group"; kind: string; outputs: string[] }
  | { type: "part"; filename: string; source_path: string; size: number; compressed_size: number }
  | { type: string };

/** `[project]/node_modules/@scope/pkg/…` → `@scope/pkg`; our files keep their path. */
function owner(sourcePath: string): string {
  const p = sourcePath.replace(/^\[project\]\//, "");
  const m = p.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return m ? m[1]! : p;
}

export function firstLoadModules(route = "/"): ModuleSize[] {
  execFileSync("npx", ["next", "analyze", "-o", "--experimental-app-only"], { cwd: root, stdio: "inherit" });
  const lines = execFileSync("npx", ["next", "analyze", "export", "--route", route], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  }).split("\n");
  const records = lines.filter(Boolean).map((l) => JSON.parse(l) as Record);
  const firstLoad = new Set<string>();
  for (const r of records) {
    if (r.type === "group" && "kind" in r && r.kind !== "async") for (const o of r.outputs) firstLoad.add(o);
  }
  const sizes = new Map<string, ModuleSize>();
  for (const r of records) {
    if (
      r.type !== "part" ||
      !("filename" in r) ||
      !firstLoad.has(r.filename) ||
      !r.filename.endsWith(".js")
    ) {
      continue;
    }
    const name = owner(r.source_path);
    const s = sizes.get(name) ?? { name, kb: 0, rawKb: 0 };
    s.kb += r.compressed_size / 1024;
    s.rawKb += r.size / 1024;
    sizes.set(name, s);
  }
  return [...sizes.values()].sort((a, b) => b.kb - a.kb);
}

export function printModules(route: string, modules: ModuleSize[], top: number): void {
  const total = modules.reduce((n, m) => n + m.kb, 0);
  console.log(`\nFirst-load JS of ${route} by module (analyzer sizes, ${total.toFixed(1)} KB in all)`);
  console.log(`  ${"module or package".padEnd(56)} ${"KB".padStart(6)} ${"raw KB".padStart(7)}`);
  for (const m of modules.slice(0, top)) {
    console.log(`  ${m.name.padEnd(56)} ${m.kb.toFixed(1).padStart(6)} ${m.rawKb.toFixed(1).padStart(7)}`);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const route = args.includes("--route") ? args[args.indexOf("--route") + 1]! : "/";
  const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 40;
  printModules(route, firstLoadModules(route), top);
}
