/**
 * Opens the database on either driver and migrates it. No `server-only` here so tests and
 * scripts can import it; the app goes through lib/db/client.ts, which caches one instance.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { Pool } from "pg";
import { migrateDatabase } from "./migrate";
import * as schema from "./schema";

export type Schema = typeof schema;
/** What every query takes: either driver's database, or a transaction on it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = "pglite" | "postgres";

export type CreateDbOptions = {
  driver: DriverName;
  /** Postgres connection string (driver "postgres"). */
  url?: string;
  /** PGlite folder (driver "pglite"); omitted means in memory. */
  dataDir?: string;
  /** Default: run migrations before returning. */
  migrate?: boolean;
  /** Postgres connections in the pool (default 10). */
  poolMax?: number;
  migrationsFolder?: string;
  /**
   * An idle Postgres client lost its server (a restart). The app passes its logger; scripts get
   * stderr. Injected so this file stays importable outside Next (the logger is server-only).
   */
  onIdleError?: (error: Error) => void;
};

export type DbHandle = { db: Db; driver: DriverName; close: () => Promise<void> };

export const DEFAULT_MIGRATIONS_FOLDER = path.join(process.cwd(), "lib/db/migrations");

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  if (options.driver === "postgres") {
    if (!options.url) throw new Error("createDb: the postgres driver needs a url");
    const pool = new Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
    // An idle client losing its server (restart) must not crash the process: handled, not thrown.
    pool.on("error", options.onIdleError ?? ((e) => console.error("[db] idle client error:", e.message)));
    try {
      if (options.migrate !== false) await migrateDatabase({ driver: "postgres", pool }, migrationsFolder);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return { db: drizzleNodePg(pool, { schema }), driver: "postgres", close: () => pool.end() };
  }
  const client = await PGlite.create(options.dataDir);
  try {
    if (options.migrate !== false) await migrateDatabase({ driver: "pglite", client }, migrationsFolder);
  } catch (e) {
    await client.close();
    throw e;
  }
  return { db: drizzlePglite(client, { schema }), driver: "pglite", close: () => client.close() };
}
