/**
 * Applies lib/db/migrations (drizzle-kit's output) on either driver. drizzle records applied
 * migrations in drizzle.__drizzle_migrations, so running it again is a no-op. On Postgres an
 * advisory lock serialises processes that start together; PGlite has a single connection.
 */
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Pool } from "pg";

/** Any constant works; it only has to be the same in every Parley process. */
const MIGRATION_LOCK_KEY = 7_340_211_905;

export type MigrationTarget = { driver: "pglite"; client: PGlite } | { driver: "postgres"; pool: Pool };

export async function migrateDatabase(target: MigrationTarget, migrationsFolder: string): Promise<void> {
  if (target.driver === "pglite") {
    await migratePglite(drizzlePglite(target.client), { migrationsFolder });
    return;
  }
  // The lock is per session, so lock and migrate on one dedicated connection.
  const conn = await target.pool.connect();
  try {
    await conn.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzleNodePg(conn), { migrationsFolder });
    } finally {
      await conn.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    conn.release();
  }
}
