/**
 * npm run bench [-- --quick] [-- --only relay|render|db]
 * Prints a table per benchmark and writes all figures to bench-results/<timestamp>.json.
 * Needs a production build (`npx next build`) for the relay and render benchmarks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { printRelayRows, runRelayBench } from "./relay";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

async function main(): Promise<void> {
  const results: Record<string, unknown> = { at: new Date().toISOString(), quick };
  if (!only || only === "relay") {
    const rows = await runRelayBench({ quick });
    printRelayRows(rows);
    results.relay = rows;
  }
  for (const extra of ["render", "db"] as const) {
    if (only && only !== extra) continue;
    try {
      const mod = await import(`./${extra}`);
      results[extra] = await mod.run({ quick });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND") continue;
      throw e;
    }
  }
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
