import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type ParleyServer, startParley } from "../support/parley-server";

/**
 * /api/metrics, /api/health?deep and request ids against `next start`, over real HTTP. Each server
 * gets its own PGlite folder; variables that the machine's environment might set are pinned.
 */
const servers: ParleyServer[] = [];
const dirs: string[] = [];

async function parley(env: Record<string, string>): Promise<ParleyServer> {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-obs-"));
  dirs.push(dir);
  const server = await startParley({
    PARLEY_DATA_DIR: dir,
    DATABASE_URL: "",
    AIGATEWAY_API_KEY: "",
    REDIS_URL: "",
    METRICS_TOKEN: "",
    ...env,
  });
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

type Check = { ok: boolean; ms: number; status?: number };
type Health = { status: string; checks: { database: Check; gateway: Check; redis?: Check } };

async function deepHealth(server: ParleyServer, query = "deep"): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${server.url}/api/health?${query}`);
  return { code: res.status, body: (await res.json()) as Health };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Generous: these start real servers on two shared cores.
describe("demo gateway, Redis up, METRICS_TOKEN set", { timeout: 60_000 }, () => {
  let server: ParleyServer;
  const TOKEN = "scrape-me-0123";

  beforeAll(async () => {
    server = await parley({ REDIS_URL: "redis://127.0.0.1:6379", METRICS_TOKEN: TOKEN, LOG_LEVEL: "debug" });
  }, 120_000);

  it("refuses metrics without the token, or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`, TOKEN]) {
      const res = await fetch(`${server.url}/api/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain("parley_");
    }
  });

  it("serves Prometheus text with the token", async () => {
    const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^parley_active_generations 0$/m);
    for (const name of [
      "parley_generations_total",
      "parley_time_to_first_token_seconds",
      "parley_gateway_errors_total",
      "parley_tokens_total",
      "parley_stream_resumes_total",
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it("reports database, Redis and the demo gateway ok, with timings", async () => {
    const { code, body } = await deepHealth(server);
    expect(code).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checks.database).toEqual({ ok: true, ms: expect.any(Number) });
    expect(body.checks.redis).toEqual({ ok: true, ms: expect.any(Number) });
    expect(body.checks.gateway).toEqual({ ok: true, ms: expect.any(Number), status: 200 });
    // ?full is the same report; liveness and readiness keep their shapes.
    expect((await deepHealth(server, "full")).body.status).toBe("ok");
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${server.url}/api/health?ready`)).json()).toEqual({
      ok: true,
      database: "ready",
    });
  });

  it("gives every API response a request id, reusing a sane incoming one, and logs with it", async () => {
    const fresh = await fetch(`${server.url}/api/conversations`);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("x-request-id")).toMatch(UUID);

    // A search: the query is the user's words and must not reach the logs.
    const kept = await fetch(`${server.url}/api/search?q=secret-words`, {
      headers: { "x-request-id": "lb-trace_42" },
    });
    expect(kept.status).toBe(200);
    expect(kept.headers.get("x-request-id")).toBe("lb-trace_42");
    const replaced = await fetch(`${server.url}/api/conversations`, {
      headers: { "x-request-id": `x${"y".repeat(80)}` },
    });
    expect(replaced.headers.get("x-request-id")).toMatch(UUID);

    // Errors carry it too.
    const missing = await fetch(`${server.url}/api/conversations/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toMatch(UUID);

    // LOG_LEVEL=debug: one JSON line per request, with the id and the path but not the query.
    const line = server
      .logs()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.reqId === "lb-trace_42");
    expect(line).toMatchObject({ level: "debug", path: "/api/search", status: 200, method: "GET" });
    expect(server.logs()).not.toContain("secret-words");
  });
});

describe("real gateway unreachable, no Redis, metrics open", { timeout: 60_000 }, () => {
  let server: ParleyServer;

  beforeAll(async () => {
    const closed = await freePort();
    server = await parley({
      AIGATEWAY_API_KEY: "sk-never-shown-0123456789",
      AIGATEWAY_BASE_URL: `http://127.0.0.1:${closed}/v1`,
    });
  }, 120_000);

  it("is degraded but still 200, and shows neither the key nor a Redis check", async () => {
    const res = await fetch(`${server.url}/api/health?deep`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain("sk-never-shown");
    const body = JSON.parse(text) as Health;
    expect(body.status).toBe("degraded");
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.gateway).toEqual({ ok: false, ms: expect.any(Number) });
    expect(body.checks).not.toHaveProperty("redis");
  });

  it("serves metrics to anyone when METRICS_TOKEN is unset", async () => {
    const res = await fetch(`${server.url}/api/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("parley_active_generations");
  });
});

describe("Redis unreachable", { timeout: 60_000 }, () => {
  let server: ParleyServer;

  beforeAll(async () => {
    server = await parley({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  }, 120_000);

  it("is down with 503, naming Redis as the failed check", async () => {
    const { code, body } = await deepHealth(server);
    expect(code).toBe(503);
    expect(body.status).toBe("down");
    expect(body.checks.redis).toEqual({ ok: false, ms: expect.any(Number) });
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.gateway.ok).toBe(true);
  });
});
