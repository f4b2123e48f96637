import "server-only";
import { Redis } from "ioredis";
import { serverEnv } from "@/lib/env";
import { childLogger } from "@/lib/observability/logger";

/**
 * Redis is optional: with `REDIS_URL` set, generation event logs and stop signals go through it so
 * several Parley instances can serve one another's generations. Two connections per process: one
 * for commands, one for subscriptions (a subscribed connection can run nothing else).
 */
let commands: Redis | undefined;
let subscriber: Redis | undefined;

export function redisConfigured(): boolean {
  return Boolean(serverEnv().REDIS_URL);
}

function connect(name: string): Redis {
  const url = serverEnv().REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set");
  const client = new Redis(url, {
    connectionName: `parley-${name}`,
    // Commands wait for a reconnect instead of failing at once; a request still fails after this.
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
  });
  // Without a listener, ioredis prints every reconnect attempt as an unhandled error. The URL may
  // hold a password, so only the error's own message is logged, never the options.
  const log = childLogger({ module: "redis", connection: name });
  client.on("error", (e) => {
    if (process.env.NODE_ENV !== "test") log.warn({ code: (e as NodeJS.ErrnoException).code }, e.message);
  });
  return client;
}

export function redis(): Redis {
  commands ??= connect("commands");
  return commands;
}

export function redisSubscriber(): Redis {
  subscriber ??= connect("subscriber");
  return subscriber;
}

/** For /api/health: round-trip time in ms, or throws. */
export async function pingRedis(timeoutMs = 1000): Promise<number> {
  const started = performance.now();
  await Promise.race([
    redis().ping(),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error("Redis did not answer")), timeoutMs).unref(),
    ),
  ]);
  return performance.now() - started;
}
