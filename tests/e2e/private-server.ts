import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ParleyServer, startParley } from "../support/parley-server";

/**
 * A Parley of the test's own (production build, demo gateway, fake Open-Meteo) on a fresh data
 * folder, for tests that stop and start the server: the shared one from playwright.config.ts
 * must keep running for the other specs.
 */
export function privateServerEnv(dataDir: string): Record<string, string> {
  const meteo = `http://127.0.0.1:${process.env.PARLEY_E2E_METEO_PORT ?? 4010}`;
  const shared = process.env.PARLEY_SHARED_DIR ?? path.resolve(__dirname, "../../..", "shared");
  return {
    AIGATEWAY_API_KEY: "",
    OPEN_METEO_GEOCODING_URL: `${meteo}/v1/search`,
    OPEN_METEO_FORECAST_URL: `${meteo}/v1/forecast`,
    // The fake Open-Meteo is on loopback, which tools may only reach when allowed.
    PARLEY_OUTBOUND_ALLOW: "127.0.0.1",
    PARLEY_SHARED_DIR: shared,
    EMULATOR_REPLAY_DIR: path.join(shared, "gateway", "recorded"),
    EMULATOR_FIRST_BYTE_MS: "50",
    EMULATOR_CHUNK_DELAY_MS: "15",
    PARLEY_DATA_DIR: dataDir,
  };
}

export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "parley-e2e-restart-"));
}

export function startPrivateServer(dataDir: string): Promise<ParleyServer> {
  return startParley(privateServerEnv(dataDir));
}
