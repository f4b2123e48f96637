#!/usr/bin/env bash
# The test command (npm test): the production build first (the integration and browser tests run
# against `next start`), then unit and integration tests (Vitest: real HTTP servers, PGlite and
# PostgreSQL), then the browser tests (Playwright + Debian's Chromium).
# Ends with one line "N passed, N failed" counting every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e.json

status=0
echo "== next build"
if npx next build >test-results/build.log 2>&1; then
  echo "== vitest"
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1
  echo "== playwright"
  npx playwright test || status=1
else
  tail -40 test-results/build.log
  echo "build failed: no tests run"
  status=1
fi

node scripts/test-summary.mjs || status=1
exit $status
