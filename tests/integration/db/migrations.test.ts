import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/connect";
import { ensureLocalUser, LOCAL_USER_ID } from "@/lib/db/local-user";
import { rowsOf } from "@/lib/db/queries/columns";
import { drivers, useTestDb } from "../../support/db-drivers";

describe.each(drivers)("migrations (%s)", (driver) => {
  const t = useTestDb(driver);

  it("creates every table from an empty database", async () => {
    const result = await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rowsOf<{ table_name: string }>(result).map((r) => r.table_name)).toEqual([
      "accounts",
      "api_keys",
      "attachments",
      "comparison_batches",
      "comparison_runs",
      "comparison_votes",
      "comparisons",
      "conversations",
      "generations",
      "group_members",
      "groups",
      "invites",
      "login_failures",
      "mcp_servers",
      "messages",
      "rate_counters",
      "rate_limits",
      "sessions",
      "settings",
      "shares",
      "usage_events",
      "usage_limits",
      "user_tools",
      "users",
      "verifications",
    ]);
  });

  it("is idempotent: running again applies nothing and keeps data", async () => {
    await ensureLocalUser(t.db);
    if (driver === "postgres") {
      // A second handle on the same database runs the migrator again.
      const again = await createDb({ driver: "postgres", url: t.url! });
      await again.close();
    }
    const applied = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    expect(applied[0]!.n).toBeGreaterThan(0);
    await ensureLocalUser(t.db);
    const users = rowsOf<{ id: string }>(await t.db.execute(sql`select id from users`));
    expect(users.map((u) => u.id)).toContain(LOCAL_USER_ID);
  });
});

describe("migrations on a PGlite data folder", () => {
  it("reopens a folder without re-applying", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "parley-pglite-"));
    try {
      const first = await createDb({ driver: "pglite", dataDir: dir });
      await ensureLocalUser(first.db);
      await first.close();
      const second = await createDb({ driver: "pglite", dataDir: dir });
      const rows = rowsOf<{ n: number }>(await second.db.execute(sql`select count(*)::int as n from users`));
      expect(rows[0]!.n).toBe(1);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
