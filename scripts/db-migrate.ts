/**
 * `npm run db:migrate`: applies lib/db/migrations to the configured database (DATABASE_URL, or
 * PGlite under PARLEY_DATA_DIR). The app also migrates on start-up; this is for deploy steps.
 * It reads process.env itself: lib/env.ts is server-only, which refuses to load outside Next.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createDb } from "../lib/db/connect";
import { ensureLocalUser } from "../lib/db/local-user";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  const dataDir = path.resolve(process.env.PARLEY_DATA_DIR || ".data", "pglite");
  if (!url) await mkdir(dataDir, { recursive: true });
  const handle = url
    ? await createDb({ driver: "postgres", url })
    : await createDb({ driver: "pglite", dataDir });
  await ensureLocalUser(handle.db);
  await handle.close();
  console.log(`Migrations applied (${url ? "PostgreSQL" : `PGlite at ${dataDir}`}).`);
}

main().catch((e: unknown) => {
  console.error("Migration failed:", e);
  process.exit(1);
});
