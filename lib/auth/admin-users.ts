import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/connect";
import { countAdmins, getUser, getUserByEmail, type UserSummary, updateUser } from "../db/queries/users";
import { accounts, type UserRole, users } from "../db/schema";
import { getAuth } from "./auth";

/**
 * What admins do to accounts. Passwords are hashed by better-auth's own hasher (scrypt) and stored
 * in its `credential` account, exactly as sign-up stores them.
 */
async function hashPassword(request: Request, password: string): Promise<string> {
  const ctx = await (await getAuth(request)).$context;
  return ctx.password.hash(password);
}

export class AdminRefused extends Error {}

export async function createUserWithPassword(
  db: Db,
  request: Request,
  input: { name: string; email: string; password: string; role: UserRole },
): Promise<UserSummary> {
  const email = input.email.toLowerCase();
  if (await getUserByEmail(db, { email }))
    throw new AdminRefused("An account with this email already exists.");
  const id = randomUUID();
  const hash = await hashPassword(request, input.password);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, name: input.name, email, role: input.role });
    await tx
      .insert(accounts)
      .values({ id: randomUUID(), userId: id, accountId: id, providerId: "credential", password: hash });
  });
  const user = await getUser(db, { id });
  if (!user) throw new Error("created user not found");
  return user;
}

export async function setPassword(
  db: Db,
  request: Request,
  { id, password }: { id: string; password: string },
) {
  const hash = await hashPassword(request, password);
  const updated = await db
    .update(accounts)
    .set({ password: hash })
    .where(and(eq(accounts.userId, id), eq(accounts.providerId, "credential")))
    .returning({ id: accounts.id });
  if (updated.length === 0) {
    await db
      .insert(accounts)
      .values({ id: randomUUID(), userId: id, accountId: id, providerId: "credential", password: hash });
  }
}

/** Role and disabled changes, refusing to leave the instance without an enabled admin. */
export async function changeUser(
  db: Db,
  { actorId, id, role, disabled }: { actorId: string; id: string; role?: UserRole; disabled?: boolean },
): Promise<UserSummary | undefined> {
  const target = await getUser(db, { id });
  if (!target) return undefined;
  const losesAdmin =
    target.role === "admin" && !target.disabled && ((role && role !== "admin") || disabled === true);
  if (losesAdmin && id === actorId)
    throw new AdminRefused("You cannot remove your own admin rights or disable yourself.");
  if (losesAdmin && (await countAdmins(db)) <= 1)
    throw new AdminRefused("Parley needs at least one enabled admin.");
  return updateUser(db, { id, role, disabled });
}
