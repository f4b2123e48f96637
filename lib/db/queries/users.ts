import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../connect";
import { LOCAL_USER_ID } from "../local-user";
import { invites, loginFailures, sessions, type UserRole, users } from "../schema";

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
};
export type UserSummary = {
  id: string;
  name: string;
  email: string | null;
  role: UserRole;
  disabled: boolean;
};

/** Accounts, not counting the built-in local user of single-user mode. */
export async function countAccounts(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(ne(users.id, LOCAL_USER_ID));
  return row?.n ?? 0;
}

export async function listUsers(db: Db) {
  return db.select(userColumns).from(users).where(ne(users.id, LOCAL_USER_ID)).orderBy(asc(users.createdAt));
}

export async function getUser(db: Db, { id }: { id: string }): Promise<UserSummary | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return row;
}

export async function getUserByEmail(db: Db, { email }: { email: string }): Promise<UserSummary | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function updateUser(
  db: Db,
  { id, role, disabled }: { id: string; role?: UserRole; disabled?: boolean },
): Promise<UserSummary | undefined> {
  const [row] = await db
    .update(users)
    .set({
      ...(role ? { role } : {}),
      ...(disabled === undefined ? {} : { disabled }),
      updatedAt: sql`now()`,
    })
    .where(and(eq(users.id, id), ne(users.id, LOCAL_USER_ID)))
    .returning(userColumns);
  // A disabled (or demoted to pending) user is signed out everywhere at once.
  if (row && (disabled || role === "pending")) await db.delete(sessions).where(eq(sessions.userId, id));
  return row;
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, LOCAL_USER_ID)));
  return row?.n ?? 0;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Returns the token once; only its hash is stored. */
export async function createInvite(
  db: Db,
  { role, createdBy, days }: { role: UserRole; createdBy: string; days: number },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const id = randomUUID();
  await db.insert(invites).values({ id, tokenHash: hashToken(token), role, createdBy, expiresAt });
  return { id, token, expiresAt };
}

export async function findInvite(db: Db, { token }: { token: string }) {
  const [row] = await db
    .select()
    .from(invites)
    .where(
      and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, sql`now()`)),
    );
  return row;
}

/** Marks the invite used; undefined when it was unknown, expired or already used (one use only). */
export async function consumeInvite(db: Db, { token }: { token: string }) {
  const [row] = await db
    .update(invites)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, sql`now()`)),
    )
    .returning();
  return row;
}

export async function markInviteUsedBy(
  db: Db,
  { id, userId }: { id: string; userId: string },
): Promise<void> {
  await db.update(invites).set({ usedBy: userId }).where(eq(invites.id, id));
}

/** The time until which `key` is locked, if it is. */
export async function lockedUntil(db: Db, { keys }: { keys: string[] }): Promise<Date | undefined> {
  const rows = await db.select().from(loginFailures).where(inArray(loginFailures.key, keys));
  const now = Date.now();
  return rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => d !== null && d.getTime() > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
}

/** Counts a failed sign-in for each key; the key locks for `lockMs` at `max` failures. */
export async function recordLoginFailure(
  db: Db,
  { keys, max, lockMs }: { keys: string[]; max: number; lockMs: number },
): Promise<void> {
  for (const key of keys) {
    const [row] = await db
      .insert(loginFailures)
      .values({ key, count: 1 })
      .onConflictDoUpdate({
        target: loginFailures.key,
        // A lock that has run out starts a fresh count.
        set: {
          count: sql`case when ${loginFailures.lockedUntil} is not null and ${loginFailures.lockedUntil} <= now() then 1 else ${loginFailures.count} + 1 end`,
          lockedUntil: sql`case when ${loginFailures.lockedUntil} <= now() then null else ${loginFailures.lockedUntil} end`,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (row && row.count >= max && !row.lockedUntil) {
      await db
        .update(loginFailures)
        .set({ lockedUntil: new Date(Date.now() + lockMs) })
        .where(eq(loginFailures.key, key));
    }
  }
}

export async function clearLoginFailures(db: Db, { keys }: { keys: string[] }): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
}
