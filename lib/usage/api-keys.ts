import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/connect";
import { findLiveApiKey } from "@/lib/db/queries/api-keys";

/** Every Parley key starts with this, so people (and secret scanners) recognise one. */
export const API_KEY_PREFIX = "pk_live_";
/** How much of a key is kept in clear to tell keys apart in settings. */
const SHOWN_CHARS = API_KEY_PREFIX.length + 6;

/** 32 random bytes make brute force pointless, so a fast hash (SHA-256) is enough to store. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A new key: the secret (shown once), the part that stays visible, and the hash that is stored. */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, SHOWN_CHARS), hash: hashApiKey(secret) };
}

/** The user and key behind `Authorization: Bearer pk_live_…`, or null (unknown, revoked, malformed). */
export async function authenticateApiKey(
  db: Db,
  request: Request,
): Promise<{ keyId: string; userId: string } | null> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const secret = match?.[1];
  if (!secret?.startsWith(API_KEY_PREFIX) || secret.length > 200) return null;
  const found = await findLiveApiKey(db, hashApiKey(secret));
  return found ? { keyId: found.id, userId: found.userId } : null;
}
