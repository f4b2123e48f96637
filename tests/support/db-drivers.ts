/**
 * Runs a database suite on both drivers: embedded PGlite (in memory) and the PostgreSQL server
 * CI starts on 127.0.0.1:5432. Each suite gets its own fresh database, migrated from empty, so
 * parallel test files never collide. If the server is down the suite fails: it never skips.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db, type DbHandle, type DriverName } from "@/lib/db/connect";
import { newId } from "@/lib/db/ids";
import { users } from "@/lib/db/schema";

export const drivers: DriverName[] = ["pglite", "postgres"];

/** Admin connection used to create and drop the per-suite databases. */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`PostgreSQL at ${ADMIN_URL} is not reachable (the db tests need it): ${String(e)}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type TestDb = { db: Db; driver: DriverName; url?: string };

/** Creates (in beforeAll) and removes (in afterAll) a migrated database; read `.db` in tests. */
export function useTestDb(driver: DriverName): TestDb {
  const ctx = { driver } as TestDb;
  let handle: DbHandle | undefined;
  let dbName: string | undefined;
  beforeAll(async () => {
    if (driver === "pglite") {
      handle = await createDb({ driver: "pglite" });
    } else {
      dbName = `parley_test_${randomBytes(6).toString("hex")}`;
      await admin((c) => c.query(`create database ${dbName}`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${dbName}`;
      ctx.url = url.toString();
      handle = await createDb({ driver: "postgres", url: ctx.url });
    }
    ctx.db = handle.db;
  });
  afterAll(async () => {
    await handle?.close();
    if (dbName) await admin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  });
  return ctx;
}

export async function createUser(db: Db, name = "Test user"): Promise<string> {
  const id = newId();
  await db.insert(users).values({ id, name });
  return id;
}
