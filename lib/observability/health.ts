import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { gatewayConfig } from "@/lib/gateway/config";
import { ensureEmbeddedGateway } from "@/lib/gateway/embedded";
import { pingRedis, redisConfigured } from "@/lib/redis/connection";
import { childLogger } from "./logger";

/**
 * The checks behind `GET /api/health?deep`. What Parley cannot work without (the database, and
 * Redis when configured) decides between "ok" and "down"; the gateway only between "ok" and
 * "degraded", because every instance shares it: a load balancer that pulled instances for an
 * upstream outage would take the whole app down (history, search, export) for nothing.
 *
 * A check's answer says ok or not and how long it took; why it failed goes to the logs, not to a
 * public endpoint (no hostnames, no keys, no upstream bodies).
 */
export type Check = { ok: boolean; ms: number };
export type GatewayCheck = Check & { status?: number };
export type HealthStatus = "ok" | "degraded" | "down";
export type HealthReport = {
  status: HealthStatus;
  checks: { database: Check; redis?: Check; gateway: GatewayCheck };
};

const log = childLogger({ module: "health" });

const DATABASE_TIMEOUT_MS = 3000;
const REDIS_TIMEOUT_MS = 1000;
const GATEWAY_TIMEOUT_MS = 2000;
/** Health checks come every few seconds from every balancer; the gateway is asked at most this often. */
const GATEWAY_CACHE_MS = 10_000;

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms).unref());
}

/** Times `probe`; a throw or a timeout is a failed check, logged with its reason. */
async function timed<T>(
  name: string,
  timeoutMs: number,
  probe: () => Promise<T>,
): Promise<{ ok: boolean; ms: number; value?: T }> {
  const started = performance.now();
  try {
    const value = await Promise.race([probe(), timeout(timeoutMs, name)]);
    return { ok: true, ms: Math.round(performance.now() - started), value };
  } catch (e) {
    log.warn({ err: e, check: name }, `${name} health check failed`);
    return { ok: false, ms: Math.round(performance.now() - started) };
  }
}

/** Opens the database if needed (migrations included) and runs one query. */
export async function checkDatabase(): Promise<Check> {
  const { ok, ms } = await timed("database", DATABASE_TIMEOUT_MS, async () => {
    const db = await getDb();
    await db.execute(sql`select 1`);
  });
  return { ok, ms };
}

/** Undefined when REDIS_URL is not set: nothing to check. */
export async function checkRedis(): Promise<Check | undefined> {
  if (!redisConfigured()) return undefined;
  const { ok, ms } = await timed("redis", REDIS_TIMEOUT_MS, () => pingRedis(REDIS_TIMEOUT_MS));
  return { ok, ms };
}

/** `GET <base>/models` with the key: reachable, and the key accepted. Only the status is kept. */
async function probeGateway(): Promise<GatewayCheck> {
  const { ok, ms, value } = await timed("gateway", GATEWAY_TIMEOUT_MS, async () => {
    await ensureEmbeddedGateway();
    const { baseUrl, apiKey } = gatewayConfig();
    const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/models`, {
      headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
      signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      cache: "no-store",
    });
    // The body is never read: it is not ours to show, and a big one must not slow the check.
    await res.body?.cancel();
    if (!res.ok) log.warn({ status: res.status }, "gateway health check: /models answered with an error");
    return res.status;
  });
  return value === undefined ? { ok, ms } : { ok: ok && value < 400, ms, status: value };
}

type Cached = { at: number; result: Promise<GatewayCheck> };
const gatewayCache = globalThis as { __parleyGatewayProbe?: Cached };

/** The gateway probe, reused for GATEWAY_CACHE_MS (concurrent checks share one request). */
export function checkGateway(now = Date.now()): Promise<GatewayCheck> {
  const cached = gatewayCache.__parleyGatewayProbe;
  if (cached && now - cached.at < GATEWAY_CACHE_MS) return cached.result;
  const result = probeGateway();
  gatewayCache.__parleyGatewayProbe = { at: now, result };
  return result;
}

export async function healthReport(): Promise<HealthReport> {
  const [database, redis, gateway] = await Promise.all([checkDatabase(), checkRedis(), checkGateway()]);
  const essential = database.ok && (redis?.ok ?? true);
  const status: HealthStatus = !essential ? "down" : gateway.ok ? "ok" : "degraded";
  return { status, checks: redis ? { database, redis, gateway } : { database, gateway } };
}
