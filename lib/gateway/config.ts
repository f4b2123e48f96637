import "server-only";
import { serverEnv } from "../env";
import type { GatewayConfig } from "./client";
import { GatewayError } from "./errors";

declare global {
  // Set by lib/gateway/embedded.ts once the built-in demo gateway listens (same declaration there).
  var __parleyEmbeddedGatewayUrl: string | undefined;
}

/** The key sent to the embedded demo gateway: it only checks that a bearer token is present. */
export const DEMO_API_KEY = "parley-demo";

/** True when Parley answers from its built-in demo gateway because no key is configured. */
export function isDemoGateway(): boolean {
  return !serverEnv().AIGATEWAY_API_KEY;
}

/**
 * Where and how to call the gateway, from the environment. Read per request (serverEnv caches the
 * parse), because in demo mode the URL only exists once instrumentation has started the emulator.
 */
export function gatewayConfig(): GatewayConfig {
  const env = serverEnv();
  const tuning = {
    stallMs: env.GATEWAY_STALL_SECONDS * 1000,
    maxRetries: env.GATEWAY_MAX_RETRIES,
    retryBaseMs: env.GATEWAY_RETRY_BASE_MS,
    maxRetryAfterSeconds: env.GATEWAY_MAX_RETRY_AFTER_SECONDS,
  };
  if (env.AIGATEWAY_API_KEY) {
    return { baseUrl: env.AIGATEWAY_BASE_URL, apiKey: env.AIGATEWAY_API_KEY, ...tuning };
  }
  const url = globalThis.__parleyEmbeddedGatewayUrl;
  if (!url) {
    throw new GatewayError({
      code: "upstream_unavailable",
      message: "The built-in demo gateway has not started yet. Try again in a moment.",
      retryable: true,
    });
  }
  return { baseUrl: url, apiKey: DEMO_API_KEY, ...tuning };
}
