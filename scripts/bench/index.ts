/**
 * npm run bench [-- --quick] [-- --only relay|generations|render|bundle|db[,…]]
 * Prints a table per benchmark and writes all figures to bench-results/<timestamp>.json.
 * The relay, generations, render and bundle benchmarks run against a production build; it is made first
 * if missing (PARLEY_DIST_DIR names its folder, `.next` by default).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describePlan, runGenerationsBench } from "./generations";
import { printGenerationRows } from "./generations-report";
import { printRelayRows, runRelayBench } from "./relay";
import { printTargets } from "./targets";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
/** `--only relay,render`: those benchmarks only, in one run (their targets side by side). */
const only = args.includes("--only") ? args[args.indexOf("--only") + 1]?.split(",") : undefined;
const runs = (name: string) => !only || only.includes(name);

/** Benchmarks measure `next start`, as people run Parley: build once if there is no build yet. */
function ensureBuild(): void {
  const dist = path.resolve(__dirname, "../..", process.env.PARLEY_DIST_DIR || ".next");
  if (existsSync(path.join(dist, "BUILD_ID"))) return;
  console.log("no production build yet: running next build");
  execFileSync("npx", ["next", "build"], { stdio: "inherit", cwd: path.resolve(__dirname, "../..") });
}

async function main(): Promise<void> {
  if (!only || only.some((name) => name !== "db")) ensureBuild();
  const results: Record<string, unknown> = { at: new Date().toISOString(), quick };
  if (runs("relay")) {
    const rows = await runRelayBench({ quick });
    printRelayRows(rows);
    results.relay = rows;
  }
  if (runs("generations")) {
    const generations = await runGenerationsBench({ quick });
    printGenerationRows(generations, describePlan(quick));
    results.generations = generations;
  }
  for (const extra of ["render", "bundle", "db"] as const) {
    if (!runs(extra)) continue;
    try {
      const mod = await import(`./${extra}`);
      results[extra] = await mod.run({ quick });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND") continue;
      throw e;
    }
  }
  results.targets = printTargets();
  const dir = path.resolve(__dirname, "../../bench-results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.at as string}.json`.replace(/:/g, "-"));
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
