/**
 * Until accounts arrive, one built-in user owns every row. Queries already take a userId, so
 * accounts only have to change what currentUserId() returns.
 */
import type { Db } from "./connect";
import { users } from "./schema";

export const LOCAL_USER_ID = "00000000-0000-4000-8000-000000000001";

export async function ensureLocalUser(db: Db): Promise<void> {
  await db.insert(users).values({ id: LOCAL_USER_ID, name: "Local user" }).onConflictDoNothing();
}

/** The user a request acts for. Sync today; becomes session-based with accounts. */
export function currentUserId(): string {
  return LOCAL_USER_ID;
}
