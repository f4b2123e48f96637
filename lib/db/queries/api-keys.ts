/** Per-user API keys: created, listed and revoked by their owner; looked up by the secret's hash. */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../connect";
import { newId } from "../ids";
import { apiKeys } from "../schema";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const summary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function createApiKey(
  db: Db,
  input: { userId: string; name: string; prefix: string; hash: string },
): Promise<ApiKeySummary> {
  const [row] = await db
    .insert(apiKeys)
    .values({ id: newId(), ...input })
    .returning(summary);
  return row as ApiKeySummary;
}

export async function listApiKeys(db: Db, userId: string): Promise<ApiKeySummary[]> {
  return db.select(summary).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt));
}

/** True when this user's live key was revoked now. */
export async function revokeApiKey(db: Db, input: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.userId, input.userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** The live key with this hash, and marks it used. */
export async function findLiveApiKey(db: Db, hash: string): Promise<{ id: string; userId: string } | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, userId: apiKeys.userId });
  return row ?? null;
}
