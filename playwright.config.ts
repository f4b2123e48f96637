import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * Browser tests: Debian's Chromium (never `npx playwright install`) against a production build
 * (`npm run build` first; scripts/test.sh does it) served on :3100 in demo mode, so answers come
 * from the embedded gateway emulator, and the weather tool talks to a local fake Open-Meteo.
 */
// Overridable so two checkouts can run the suite side by side.
const PORT = Number(process.env.PARLEY_E2E_PORT ?? 3100);
const METEO_PORT = Number(process.env.PARLEY_E2E_METEO_PORT ?? 4010);
// The local MCP server of tests/e2e/mcp-tools.spec.ts (next to the fake Open-Meteo's port).
const MCP_PORT = Number(process.env.PARLEY_E2E_MCP_PORT ?? METEO_PORT + 1);
process.env.PARLEY_E2E_MCP_URL = `http://127.0.0.1:${MCP_PORT}/mcp`;
// Real gateway bodies the replay tests feed through the emulator (a copy of ../shared/gateway/recorded).
const recordedDir = path.resolve(__dirname, "tests", "fixtures", "recorded");
const dataDir = process.env.PARLEY_E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "parley-e2e-"));
process.env.PARLEY_E2E_DATA_DIR = dataDir; // workers re-evaluate this file: keep one folder

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // One worker in CI: the tests watch live streaming states, which two parallel browsers plus the
  // server on two cores can blur. Locally two workers halve the wait.
  workers: process.env.CI ? 1 : 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: `npx tsx tests/support/fake-open-meteo.ts --port ${METEO_PORT}`,
      url: `http://127.0.0.1:${METEO_PORT}/v1/search?name=Paris`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx tsx tests/support/fake-mcp-server.ts --port ${MCP_PORT}`,
      url: `http://127.0.0.1:${MCP_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npm run start -- -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/health?ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        AIGATEWAY_API_KEY: "",
        OPEN_METEO_GEOCODING_URL: `http://127.0.0.1:${METEO_PORT}/v1/search`,
        OPEN_METEO_FORECAST_URL: `http://127.0.0.1:${METEO_PORT}/v1/forecast`,
        // The fake Open-Meteo and the tests' MCP servers listen on loopback, which tools may
        // only reach when an admin allows it. Hosts, not ports: 127.0.0.1 covers them all.
        PARLEY_OUTBOUND_ALLOW: "127.0.0.1",
        EMULATOR_REPLAY_DIR: recordedDir,
        EMULATOR_FIRST_BYTE_MS: "50",
        EMULATOR_CHUNK_DELAY_MS: "15",
        PARLEY_DATA_DIR: dataDir,
      },
    },
  ],
});
