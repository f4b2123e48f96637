import "server-only";
import { serverEnv } from "@/lib/env";
import { childLogger } from "@/lib/observability/logger";

declare global {
  // Set once per process; route modules read it through lib/gateway/config.ts.
  var __parleyEmbeddedGatewayUrl: string | undefined;
  var __parleyEmbeddedGatewayStarting: Promise<string> | undefined;
}

/**
 * With no AIGATEWAY_API_KEY, Parley answers from its built-in demo gateway: the same emulator the
 * tests use, started inside this process on a loopback port. Requests still go over HTTP through
 * lib/gateway/client.ts, so the demo exercises exactly the code path the real gateway does.
 */
export async function ensureEmbeddedGateway(): Promise<string | undefined> {
  const env = serverEnv();
  if (env.AIGATEWAY_API_KEY) return undefined;
  if (globalThis.__parleyEmbeddedGatewayUrl) return globalThis.__parleyEmbeddedGatewayUrl;
  globalThis.__parleyEmbeddedGatewayStarting ??= (async () => {
    const { startEmulator } = await import("@/lib/gateway-emulator");
    const log = childLogger({ module: "demo-gateway" });
    const handle = await startEmulator({
      port: env.EMULATOR_PORT,
      firstByteDelayMs: env.EMULATOR_FIRST_BYTE_MS,
      chunkDelayMs: env.EMULATOR_CHUNK_DELAY_MS,
      replayDir: env.EMULATOR_REPLAY_DIR,
      requireAuth: true,
      log: env.DEBUG_EMULATOR_LOG ? (line) => log.info(line) : undefined,
    });
    globalThis.__parleyEmbeddedGatewayUrl = handle.url;
    log.info({ url: handle.url }, "no AIGATEWAY_API_KEY set; answering from the built-in demo gateway");
    return handle.url;
  })();
  return globalThis.__parleyEmbeddedGatewayStarting;
}
