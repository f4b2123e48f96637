import { afterEach, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@/lib/env";
import { DEMO_API_KEY, gatewayConfig, isDemoGateway } from "@/lib/gateway/config";

const saved = { ...process.env };
function withEnv(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetServerEnvForTests();
}

afterEach(() => {
  process.env = { ...saved };
  globalThis.__parleyEmbeddedGatewayUrl = undefined;
  resetServerEnvForTests();
});

describe("gatewayConfig", () => {
  it("uses the real gateway and its key when AIGATEWAY_API_KEY is set", () => {
    withEnv({ AIGATEWAY_API_KEY: "sk-aig-real", AIGATEWAY_BASE_URL: undefined, GATEWAY_STALL_SECONDS: "30" });
    globalThis.__parleyEmbeddedGatewayUrl = "http://127.0.0.1:9/v1";
    expect(isDemoGateway()).toBe(false);
    expect(gatewayConfig()).toEqual({
      baseUrl: "https://api.aigateway.sh/v1",
      apiKey: "sk-aig-real",
      stallMs: 30_000,
      maxRetries: 2,
      retryBaseMs: 500,
      maxRetryAfterSeconds: 20,
    });
  });

  it("uses the embedded demo gateway with the demo key when no key is set", () => {
    withEnv({ AIGATEWAY_API_KEY: undefined });
    globalThis.__parleyEmbeddedGatewayUrl = "http://127.0.0.1:4321/v1";
    expect(isDemoGateway()).toBe(true);
    expect(gatewayConfig()).toMatchObject({ baseUrl: "http://127.0.0.1:4321/v1", apiKey: DEMO_API_KEY });
  });

  it("fails with a readable error if the demo gateway has not started", () => {
    withEnv({ AIGATEWAY_API_KEY: "" });
    expect(() => gatewayConfig()).toThrow(/demo gateway has not started/);
  });
});
