/**
 * Single-user mode (`PARLEY_AUTH=none`): one built-in user owns every row and is its admin. With
 * accounts, app/api/_lib/http.ts's session(request) resolves the signed-in user instead.
 */
import type { Db } from "./connect";
import { users } from "./schema";

export const LOCAL_USER_ID = "00000000-0000-4000-8000-000000000001";

export async function ensureLocalUser(db: Db): Promise<void> {
  await db
    .insert(users)
    .values({ id: LOCAL_USER_ID, name: "Local user", role: "admin" })
    .onConflictDoNothing();
}

/** The local user's id (single-user mode, scripts and tests). */
export function currentUserId(): string {
  return LOCAL_USER_ID;
}
