import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@/lib/env";
import { checkGateway } from "@/lib/observability/health";

/**
 * The gateway probe behind /api/health?deep, against a fake gateway that counts its callers:
 * one request per 10 s however often the balancers ask, and only the status comes back.
 */
let server: Server;
const seen: { url?: string; headers: IncomingHttpHeaders }[] = [];
let answer = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(answer, { "content-type": "application/json" });
    res.end('{"data":[],"secret":"upstream-body-text"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.AIGATEWAY_API_KEY = "sk-probe-test";
  process.env.AIGATEWAY_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  resetServerEnvForTests();
});
afterAll(async () => {
  delete process.env.AIGATEWAY_API_KEY;
  delete process.env.AIGATEWAY_BASE_URL;
  resetServerEnvForTests();
  await new Promise((resolve) => server.close(resolve));
});

describe("gateway probe", () => {
  it("asks GET /v1/models with the key, and keeps only the status", async () => {
    const t0 = 1_000_000;
    const result = await checkGateway(t0);
    expect(result).toEqual({ ok: true, ms: expect.any(Number), status: 200 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe("/v1/models");
    expect(seen[0]!.headers.authorization).toBe("Bearer sk-probe-test");

    // Within 10 s the answer is reused, concurrent callers included.
    await Promise.all([checkGateway(t0 + 1), checkGateway(t0 + 9_999)]);
    expect(seen).toHaveLength(1);

    // After that the gateway is asked again; a rejected key is a failed check, with its status.
    answer = 401;
    const later = await checkGateway(t0 + 10_000);
    expect(seen).toHaveLength(2);
    expect(later).toEqual({ ok: false, ms: expect.any(Number), status: 401 });
    expect(JSON.stringify(later)).not.toContain("upstream-body-text");
  });
});
