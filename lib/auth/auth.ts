import "server-only";
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { getDb } from "../db/client";
import type { Db } from "../db/connect";
import { getSignUpPolicy, settingOrInit } from "../db/queries/settings";
import {
  clearLoginFailures,
  consumeInvite,
  countAccounts,
  getUser,
  lockedUntil,
  markInviteUsedBy,
  recordLoginFailure,
} from "../db/queries/users";
import { accounts, rateLimits, sessions, type UserRole, users, verifications } from "../db/schema";
import { serverEnv } from "../env";
import { childLogger } from "../observability/logger";
import { appOrigin } from "../security/csrf";
import { oidcConfigured } from "./mode";

/**
 * better-auth, configured for Parley: email + password (better-auth's scrypt), OIDC by issuer URL
 * (genericOAuth with discovery), sessions and rate-limit counters in Parley's database (Drizzle;
 * better-auth's `user` is Parley's `users` table), HttpOnly SameSite=Lax cookies, Secure over https.
 *
 * Two instances share everything but the cookie's Secure flag: requests that arrived over https
 * (directly or per X-Forwarded-Proto) use the secure one. The secret is PARLEY_AUTH_SECRET, or one
 * generated on first start and kept in the settings table so every instance and restart agrees.
 */
export const OIDC_PROVIDER_ID = "oidc";
export const INVITE_HEADER = "x-parley-invite";
const log = childLogger({ module: "auth" });

type Auth = Awaited<ReturnType<typeof build>>;
const cache = globalThis as typeof globalThis & { __parleyAuth?: Map<boolean, Promise<Auth>> };

export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}

export function getAuth(request: Request): Promise<Auth> {
  const publicUrl = serverEnv().PARLEY_URL;
  const secure = publicUrl ? publicUrl.startsWith("https://") : isHttps(request);
  cache.__parleyAuth ??= new Map();
  let auth = cache.__parleyAuth.get(secure);
  if (!auth) {
    auth = build(secure).catch((e: unknown) => {
      cache.__parleyAuth?.delete(secure);
      throw e;
    });
    cache.__parleyAuth.set(secure, auth);
  }
  return auth;
}

async function authSecret(db: Db): Promise<string> {
  const configured = serverEnv().PARLEY_AUTH_SECRET;
  if (configured) return configured;
  const stored = await settingOrInit(db, {
    key: "auth_secret",
    value: randomBytes(32).toString("base64url"),
  });
  return String(stored);
}

const forbidden = (message: string) => new APIError("FORBIDDEN", { message });

/** What a new account's role is: the first is admin, then the sign-up policy (and any invite) decide. */
async function roleForNewUser(
  db: Db,
  invite: string | null | undefined,
): Promise<{ role: UserRole; inviteId?: string }> {
  if ((await countAccounts(db)) === 0) return { role: "admin" };
  if (invite) {
    const used = await consumeInvite(db, { token: invite });
    if (!used)
      throw forbidden(
        "This invite link is not valid any more (used or expired). Ask an admin for a new one.",
      );
    return { role: used.role, inviteId: used.id };
  }
  const policy = await getSignUpPolicy(db);
  if (policy === "closed") throw forbidden("Sign-up is closed on this Parley. Ask an admin for an account.");
  return { role: policy === "open" ? "member" : "pending" };
}

async function build(secure: boolean) {
  const db = await getDb();
  const env = serverEnv();
  const secret = await authSecret(db);
  const ipHeaders = ["x-forwarded-for", "x-real-ip", "x-parley-peer"];
  const lockKeys = (email: unknown, ip: string | null | undefined) =>
    [typeof email === "string" ? `email:${email.trim().toLowerCase()}` : "", ip ? `ip:${ip}` : ""].filter(
      Boolean,
    );
  const inviteIds = new WeakMap<object, string>();

  const oidc = oidcConfigured()
    ? [
        genericOAuth({
          config: [
            {
              providerId: OIDC_PROVIDER_ID,
              discoveryUrl: `${env.PARLEY_OIDC_ISSUER?.replace(/\/$/, "")}/.well-known/openid-configuration`,
              clientId: env.PARLEY_OIDC_CLIENT_ID ?? "",
              clientSecret: env.PARLEY_OIDC_CLIENT_SECRET ?? "",
              scopes: ["openid", "email", "profile"],
              pkce: true,
            },
          ],
        }),
      ]
    : [];

  return betterAuth({
    appName: "Parley",
    secret,
    // Through Parley's redacting logger, and without better-auth's extra arguments (they can hold
    // a failed query's bound values: emails, password hashes).
    logger: {
      level: "warn",
      log: (level, message) => log[level]({ source: "better-auth" }, message),
    },
    baseURL: env.PARLEY_URL,
    basePath: "/api/auth",
    trustedOrigins: (request) => (request ? [appOrigin(request, env.PARLEY_URL)] : []),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { users, sessions, accounts, verifications, rateLimits },
    }),
    user: {
      modelName: "users",
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "member", required: false },
        disabled: { type: "boolean", input: false, defaultValue: false, required: false },
      },
    },
    session: { modelName: "sessions", expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    account: { modelName: "accounts" },
    verification: { modelName: "verifications" },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimits",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 5 },
      },
    },
    advanced: {
      cookiePrefix: "parley",
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      database: { generateId: "uuid" },
      ipAddress: { ipAddressHeaders: ipHeaders },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user, ctx) => {
            const invite = ctx?.headers?.get(INVITE_HEADER) ?? ctx?.request?.headers.get(INVITE_HEADER);
            const { role, inviteId } = await roleForNewUser(db, invite);
            const data = { ...user, email: user.email.toLowerCase(), role, disabled: false };
            if (inviteId) inviteIds.set(data, inviteId);
            return { data };
          },
          after: async (user) => {
            const inviteId = inviteIds.get(user);
            if (inviteId) await markInviteUsedBy(db, { id: inviteId, userId: user.id });
            log.info({ userId: user.id }, "account created");
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const user = await getUser(db, { id: session.userId });
            if (!user || user.disabled)
              throw forbidden("This account is disabled. Ask an admin to enable it.");
            return { data: session };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const ip = ipFrom(ctx.headers, ipHeaders);
        const until = await lockedUntil(db, { keys: lockKeys(ctx.body?.email, ip) });
        if (until) {
          const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const keys = lockKeys(ctx.body?.email, ipFrom(ctx.headers, ipHeaders));
        const returned = ctx.context.returned;
        if (returned instanceof APIError) {
          if (returned.statusCode === 401) {
            await recordLoginFailure(db, {
              keys,
              max: env.PARLEY_LOGIN_MAX_FAILURES,
              lockMs: env.PARLEY_LOGIN_LOCKOUT_MINUTES * 60_000,
            });
            log.info({ ip: keys.find((k) => k.startsWith("ip:")) }, "failed sign-in");
          }
          return;
        }
        await clearLoginFailures(db, { keys: keys.filter((k) => k.startsWith("email:")) });
      }),
    },
    plugins: [...oidc],
  });
}

function ipFrom(headers: Headers | undefined, names: string[]): string | null {
  for (const name of names) {
    const value = headers?.get(name)?.split(",")[0]?.trim();
    if (value) return value;
  }
  return null;
}
