// Reads the Vitest and Playwright JSON reports and prints one line: "N passed, N failed".
// A report that is missing counts as a failure, so a runner that crashed cannot look green.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;

function read(path) {
  if (!existsSync(path)) {
    console.error(`missing test report: ${path}`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(path, "utf8"));
}

const vitest = read("test-results/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A suite that failed to load has no tests in it but must still count against the run.
  for (const file of vitest.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed += 1;
  }
}

const e2e = read("test-results/e2e.json");
if (e2e) {
  const s = e2e.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
  for (const err of e2e.errors ?? []) {
    console.error(`playwright error: ${err.message ?? err}`);
    failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
