import "server-only";
import { hostname } from "node:os";
import { getDb } from "@/lib/db/client";
import { reapGenerations, renewLeases } from "@/lib/db/queries/generations";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { redis, redisConfigured, redisSubscriber } from "@/lib/redis/connection";
import { END_EVENT, type EventLog } from "./event-log";
import { MemoryEventLog } from "./memory-log";
import { RedisEventLog } from "./redis-log";

/**
 * What this process knows about generations: its event log (memory, or Redis when `REDIS_URL` is
 * set), the runs it is writing (to stop them, and to renew their leases), and the housekeeping
 * that marks other instances' dead runs as interrupted. One per process, kept on globalThis so
 * Next's module copies (route bundles, dev reloads) share it.
 */
export type GenerationRuntime = {
  instanceId: string;
  log: EventLog;
  /** Runs this instance is writing → their stop switch. */
  running: Map<string, AbortController>;
  /**
   * Tool calls this instance's runs are waiting on (ask-first, or answered by hand), by
   * `<generationId>:<callId>` → what resumes them. The run stays in `running` (its lease renewed)
   * while it waits.
   */
  waiting: Map<string, (decision: ToolDecision) => void>;
  /** Reaps runs whose lease ran out now (also runs on a timer). For tests and start-up. */
  reapNow(): Promise<number>;
  /** Renews one run's lease now (a run starting after a slow transaction). */
  renewNow(id: string): void;
};

const STOP_CHANNEL = "parley:generations:stop";
const DECISION_CHANNEL = "parley:generations:tool-decision";

/** What the user decided about a waiting tool call. */
export type ToolDecision =
  | { decision: "run" }
  | { decision: "deny" }
  | { decision: "answer"; answer: string };
const holder = globalThis as typeof globalThis & { __parleyGenerations?: GenerationRuntime };

export function generationRuntime(): GenerationRuntime {
  holder.__parleyGenerations ??= createRuntime();
  return holder.__parleyGenerations;
}

function createRuntime(): GenerationRuntime {
  const env = serverEnv();
  const instanceId = env.PARLEY_INSTANCE_ID ?? `${hostname()}-${process.pid}`;
  const running = new Map<string, AbortController>();
  const waiting = new Map<string, (decision: ToolDecision) => void>();
  const log: EventLog = redisConfigured()
    ? new RedisEventLog(redis(), redisSubscriber(), {
        maxEntries: env.GENERATION_LOG_MAX_EVENTS,
        ttlSeconds: env.GENERATION_LOG_TTL_SECONDS,
      })
    : new MemoryEventLog(env.GENERATION_LOG_MAX_EVENTS, env.GENERATION_LOG_TTL_SECONDS * 1000);

  if (redisConfigured()) {
    // Stop pressed on another instance reaches the one writing the answer.
    const sub = redisSubscriber();
    void sub
      .subscribe(STOP_CHANNEL, DECISION_CHANNEL)
      .catch((e: unknown) => logger.error({ err: e }, "stop channel: subscribe failed"));
    sub.on("message", (channel: string, id: string) => {
      if (channel === STOP_CHANNEL) running.get(id)?.abort();
      if (channel === DECISION_CHANNEL) {
        try {
          const { key, decision } = JSON.parse(id) as { key: string; decision: ToolDecision };
          waiting.get(key)?.(decision);
        } catch (e) {
          logger.error({ err: e }, "tool decision channel: bad message");
        }
      }
    });
  }

  const leaseSeconds = env.GENERATION_LEASE_SECONDS;
  let firstRound = true;
  const reapNow = async (): Promise<number> => {
    const db = await getDb();
    // The first round (start-up) also ends runs a previous process left under this instance's id.
    const reaped = await reapGenerations(db, {
      keep: [...running.keys()],
      instanceId,
      ownRunsAreDead: firstRound,
    });
    firstRound = false;
    for (const g of reaped) {
      await log
        .terminate(g.id, [
          {
            event: "parley.error",
            data: JSON.stringify({
              code: "interrupted",
              message: "The Parley server writing this answer stopped before it finished.",
            }),
          },
          { event: "parley.done", data: JSON.stringify({ finishReason: null, steps: 0, usage: null }) },
          { event: END_EVENT, data: "{}" },
        ])
        .catch((e: unknown) =>
          logger.error({ err: e, generationId: g.id }, "could not end a dead run's log"),
        );
    }
    if (reaped.length > 0)
      logger.info({ reaped: reaped.length }, `marked ${reaped.length} run(s) of dead instances interrupted`);
    return reaped.length;
  };

  // Renew well before expiry, so one slow round (a busy database) does not lose a healthy run.
  const renew = setInterval(
    () => {
      if (running.size === 0) return;
      void getDb()
        .then((db) => renewLeases(db, { ids: [...running.keys()], instanceId, leaseSeconds }))
        .catch((e: unknown) => logger.error({ err: e }, "lease renewal failed"));
    },
    (leaseSeconds * 1000) / 3,
  );
  // Any surviving instance notices a dead one within about 1.5 leases, not only at start-up.
  const reap = setInterval(
    () => void reapNow().catch((e: unknown) => logger.error({ err: e }, "reaper failed")),
    (leaseSeconds * 1000) / 2,
  );
  renew.unref();
  reap.unref();

  // Start-up: runs of dead instances (and of this id's previous process) end now, not a lease later.
  void reapNow().catch((e: unknown) => logger.error({ err: e }, "reaper failed"));

  /** Renews one run's lease at once (its start transaction may have been slow). */
  const renewNow = (id: string) =>
    void getDb()
      .then((db) => renewLeases(db, { ids: [id], instanceId, leaseSeconds }))
      .catch((e: unknown) => logger.error({ err: e }, "lease renewal failed"));

  return { instanceId, log, running, waiting, reapNow, renewNow };
}

/**
 * Stop, from any tab on any instance. Returns at once: the run ends with `parley.stopped` in its
 * log, which every reader sees.
 */
export async function requestStop(generationId: string): Promise<void> {
  const rt = generationRuntime();
  const local = rt.running.get(generationId);
  if (local) {
    local.abort();
    return;
  }
  if (redisConfigured()) await redis().publish(STOP_CHANNEL, generationId);
}

/**
 * Resumes a tool call waiting for the user, from any tab on any instance. Returns false when this
 * instance has no such wait and there is no Redis to ask the others (the caller answers 409).
 */
export async function deliverToolDecision(
  generationId: string,
  callId: string,
  decision: ToolDecision,
): Promise<boolean> {
  const rt = generationRuntime();
  const key = `${generationId}:${callId}`;
  const local = rt.waiting.get(key);
  if (local) {
    local(decision);
    return true;
  }
  if (!redisConfigured()) return false;
  await redis().publish(DECISION_CHANNEL, JSON.stringify({ key, decision }));
  return true;
}

/**
 * Waits for the user's decision on one tool call. Ends early with `stopped` (Stop) or `timeout`.
 */
export function waitForToolDecision(
  generationId: string,
  callId: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ToolDecision | { decision: "stopped" | "timeout" }> {
  const rt = generationRuntime();
  const key = `${generationId}:${callId}`;
  return new Promise((resolve) => {
    const done = (d: ToolDecision | { decision: "stopped" | "timeout" }) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      rt.waiting.delete(key);
      resolve(d);
    };
    const onAbort = () => done({ decision: "stopped" });
    const timer = setTimeout(() => done({ decision: "timeout" }), timeoutMs);
    timer.unref?.();
    if (signal.aborted) return done({ decision: "stopped" });
    signal.addEventListener("abort", onAbort, { once: true });
    rt.waiting.set(key, done);
  });
}
