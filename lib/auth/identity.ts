import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import type { Db } from "../db/connect";
import { LOCAL_USER_ID } from "../db/local-user";
import { getSignUpPolicy } from "../db/queries/settings";
import { countAccounts, getUser, getUserByEmail } from "../db/queries/users";
import { type UserRole, users } from "../db/schema";
import { serverEnv } from "../env";
import { normaliseAddress, PEER_HEADER } from "../security/peer-address";
import { getAuth } from "./auth";
import { authMode } from "./mode";

/** Who a request acts for. */
export type SessionUser = { id: string; role: UserRole; name: string; email: string | null };

export const LOCAL_USER: SessionUser = { id: LOCAL_USER_ID, role: "admin", name: "Local user", email: null };

/** Why there is no user: not signed in, or (header mode) the request did not come from the proxy. */
export type Resolved = { user: SessionUser } | { user: null; reason: "not_signed_in" | "untrusted_proxy" };

/**
 * The user of a request in the current PARLEY_AUTH mode: the local user (`none`), the better-auth
 * session (`password`), or the proxy's header (`header`, only from PARLEY_TRUSTED_PROXY). A
 * disabled user is nobody.
 */
export async function resolveUser(request: Request, db?: Db): Promise<Resolved> {
  const mode = authMode();
  if (mode === "none") return { user: LOCAL_USER };
  const database = db ?? (await getDb());
  if (mode === "header") return headerUser(request, database);
  const auth = await getAuth(request);
  const found = await auth.api.getSession({ headers: request.headers });
  if (!found) return { user: null, reason: "not_signed_in" };
  // Read from the table, not the cookie cache: a role change or a disable applies at once.
  const user = await getUser(database, { id: found.user.id });
  if (!user || user.disabled) return { user: null, reason: "not_signed_in" };
  return { user: { id: user.id, role: user.role, name: user.name, email: user.email } };
}

export function trustedProxies(): string[] {
  return (serverEnv().PARLEY_TRUSTED_PROXY ?? "")
    .split(",")
    .map((s) => normaliseAddress(s.trim()))
    .filter(Boolean);
}

async function headerUser(request: Request, db: Db): Promise<Resolved> {
  const peer = normaliseAddress(request.headers.get(PEER_HEADER) ?? "");
  if (!peer || !trustedProxies().includes(peer)) return { user: null, reason: "untrusted_proxy" };
  const email = request.headers.get(serverEnv().PARLEY_AUTH_HEADER)?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    return { user: null, reason: "not_signed_in" };
  }
  let user = await getUserByEmail(db, { email });
  if (!user) {
    // The proxy vouches for who they are; the first one is admin, the sign-up policy decides the rest.
    const role: UserRole =
      (await countAccounts(db)) === 0
        ? "admin"
        : (await getSignUpPolicy(db)) === "open"
          ? "member"
          : "pending";
    await db
      .insert(users)
      .values({ id: randomUUID(), name: email.split("@")[0] ?? email, email, emailVerified: true, role })
      .onConflictDoNothing();
    user = await getUserByEmail(db, { email });
  }
  if (!user || user.disabled) return { user: null, reason: "not_signed_in" };
  return { user: { id: user.id, role: user.role, name: user.name, email: user.email } };
}
