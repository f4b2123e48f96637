import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { serverEnv } from "../env";
import { childLogger } from "../observability/logger";
import { createDb, type Db, type DbHandle } from "./connect";
import { ensureLocalUser } from "./local-user";
import { reapGenerations } from "./queries/generations";
import { markInterruptedMessages } from "./queries/progress";

/**
 * The app's one database: PGlite under PARLEY_DATA_DIR, or Postgres when DATABASE_URL is set.
 * Cached on globalThis so Next's dev reloads reuse it: a second PGlite on the same folder would
 * fail, and re-running start-up would mark live streams as interrupted.
 */
const cache = globalThis as typeof globalThis & { __parleyDb?: Promise<DbHandle> };
const log = childLogger({ module: "db" });

async function open(): Promise<DbHandle> {
  const env = serverEnv();
  let handle: DbHandle;
  if (env.DATABASE_URL) {
    handle = await createDb({
      driver: "postgres",
      url: env.DATABASE_URL,
      onIdleError: (e) => log.error({ err: e }, "idle PostgreSQL client lost its connection"),
    });
  } else {
    const dataDir = path.resolve(env.PARLEY_DATA_DIR, "pglite");
    await mkdir(dataDir, { recursive: true });
    handle = await createDb({ driver: "pglite", dataDir });
  }
  await ensureLocalUser(handle.db);
  // Without Redis, Parley runs as one instance: every run still marked running at start-up lost
  // its writer when the last process died. With Redis, other instances may be writing: their
  // leases decide (lib/generations/runtime.ts reaps the expired ones).
  const reaped = env.REDIS_URL ? [] : await reapGenerations(handle.db, { keep: [], everyRun: true });
  const interrupted = reaped.length + (await markInterruptedMessages(handle.db));
  // tests/integration/persistence-crash.test.ts looks for these words.
  if (interrupted > 0)
    log.info({ interrupted }, `marked ${interrupted} unfinished message(s) as interrupted`);
  return handle;
}

export function getDb(): Promise<Db> {
  if (!cache.__parleyDb) {
    cache.__parleyDb = open().catch((e: unknown) => {
      // Let the next request retry (the Postgres server may come up later).
      cache.__parleyDb = undefined;
      throw e;
    });
  }
  return cache.__parleyDb.then((h) => h.db);
}

/** For shutdown hooks and scripts; the next getDb() opens a fresh instance. */
export async function closeDb(): Promise<void> {
  const pending = cache.__parleyDb;
  cache.__parleyDb = undefined;
  if (pending) await (await pending).close();
}
