/**
 * Accounts over real HTTP against `next start`: lockout after failed sign-ins, invite-only sign-up
 * (pending until approved, or straight in with an invite link), the admin's model choice enforced
 * by /api/chat, and trusted-header mode (only from PARLEY_TRUSTED_PROXY).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, chatTurn, client, cookiesOf, person, signIn, signUp } from "../support/accounts";
import { type ParleyServer, startParley } from "../support/parley-server";
import { MODEL } from "../support/persistence";

const dataDir = (name: string) => mkdtempSync(path.join(tmpdir(), `parley-${name}-`));
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("accounts (PARLEY_AUTH=password)", { timeout: 90_000 }, () => {
  let parley: ParleyServer;
  let admin: Client;

  beforeAll(async () => {
    parley = await startParley({
      PARLEY_AUTH: "password",
      PARLEY_DATA_DIR: dataDir("accounts"),
      PARLEY_LOGIN_MAX_FAILURES: "3",
      AIGATEWAY_API_KEY: "",
      EMULATOR_FIRST_BYTE_MS: "0",
      EMULATOR_CHUNK_DELAY_MS: "0",
    });
    admin = await signUp(parley.url, person("Admin"));
  });
  afterAll(async () => {
    await parley?.stop();
  });

  it("the first account is admin; the session cookie is HttpOnly and SameSite=Lax", async () => {
    const p = person("Again");
    const res = await client(parley.url).fetch("/api/admin/users", {
      method: "POST",
      headers: { cookie: admin.cookie },
      json: { ...p, role: "member" },
    });
    expect(res.status).toBe(201);
    const signedIn = await signIn(parley.url, p);
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("parley.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here
    const config = (await (await admin.fetch("/api/config")).json()) as { user: { role: string } };
    expect(config.user.role).toBe("admin");
    const member = client(parley.url, cookiesOf(signedIn));
    expect(await codeOf(await member.fetch("/api/admin/users"))).toBe("forbidden_role");
  });

  it("locks an account after too many failed sign-ins, with a clear message", async () => {
    const p = person("Locked");
    await admin.fetch("/api/admin/users", { method: "POST", json: { ...p, role: "member" } });
    for (let i = 0; i < 3; i++) {
      expect((await signIn(parley.url, { email: p.email, password: "wrong-password" })).status).toBe(401);
    }
    const locked = await signIn(parley.url, p); // even the right password, while locked
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(
      /Too many failed sign-ins\. Try again in \d+ minutes?\./,
    );
  });

  it("invite-only: a plain sign-up waits for approval; an invite link gets straight in", async () => {
    const waiting = await signUp(parley.url, person("Pending"));
    const refused = await waiting.fetch("/api/conversations");
    expect(refused.status).toBe(403);
    expect(await codeOf(refused)).toBe("forbidden_role");

    const users = (await (await admin.fetch("/api/admin/users")).json()) as {
      items: { id: string; role: string }[];
    };
    const pending = users.items.find((u) => u.role === "pending");
    expect(pending).toBeDefined();
    const approve = await admin.fetch(`/api/admin/users/${pending?.id}`, {
      method: "PATCH",
      json: { role: "member" },
    });
    expect(approve.status).toBe(200);
    expect((await waiting.fetch("/api/conversations")).status).toBe(200);

    const invite = (await (await admin.fetch("/api/admin/invites", { method: "POST", json: {} })).json()) as {
      url: string;
    };
    const token = invite.url.split("/invite/")[1] ?? "";
    const p = person("Invited");
    const joined = await client(parley.url).fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "x-parley-invite": token },
      json: p,
    });
    expect(joined.status).toBe(200);
    expect((await client(parley.url, cookiesOf(joined)).fetch("/api/conversations")).status).toBe(200);
    // One use only.
    const again = await client(parley.url).fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "x-parley-invite": token },
      json: person("Second"),
    });
    expect(again.status).toBe(403);
  });

  it("the admin's offered models are what /api/config offers and /api/chat accepts", async () => {
    const set = await admin.fetch("/api/admin/settings", {
      method: "PATCH",
      json: { models: { offered: ["anthropic/claude-sonnet-4.6"], default: "anthropic/claude-sonnet-4.6" } },
    });
    expect(set.status).toBe(200);
    const config = (await (await admin.fetch("/api/config")).json()) as {
      models: string[];
      defaultModel: string;
    };
    expect(config).toMatchObject({
      models: ["anthropic/claude-sonnet-4.6"],
      defaultModel: "anthropic/claude-sonnet-4.6",
    });
    const refused = await admin.fetch("/api/chat", {
      method: "POST",
      json: { model: MODEL, message: { id: randomUUID(), content: "hi" } },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe("model");
    await chatTurn(admin, {
      model: "anthropic/claude-sonnet-4.6",
      message: { id: randomUUID(), content: "hi" },
    });
    const bad = await admin.fetch("/api/admin/settings", {
      method: "PATCH",
      json: { models: { offered: ["anthropic/claude-sonnet-4.6"], default: MODEL } },
    });
    expect(bad.status).toBe(400);
  });

  it("an admin cannot remove the last admin", async () => {
    const me = (await (await admin.fetch("/api/config")).json()) as { user: { id: string } };
    const res = await admin.fetch(`/api/admin/users/${me.user.id}`, {
      method: "PATCH",
      json: { disabled: true },
    });
    expect(res.status).toBe(409);
  });
});

describe("trusted-header mode (PARLEY_AUTH=header)", { timeout: 90_000 }, () => {
  const servers: ParleyServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it("takes the user from the header, only when the request comes from the trusted proxy", async () => {
    const trusted = await startParley({
      PARLEY_AUTH: "header",
      PARLEY_TRUSTED_PROXY: "127.0.0.1",
      PARLEY_DATA_DIR: dataDir("header"),
    });
    servers.push(trusted);
    const as = (email: string) => ({ headers: { "x-forwarded-email": email } });
    const first = await client(trusted.url).fetch("/api/config", as("boss@example.com"));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { user: { email: string; role: string } }).user).toMatchObject({
      email: "boss@example.com",
      role: "admin",
    });
    expect((await client(trusted.url).fetch("/api/conversations")).status).toBe(401);
    // A client cannot pretend to be the proxy by sending the peer header itself.
    const forged = await client(trusted.url).fetch("/api/config", {
      headers: { "x-forwarded-email": "boss@example.com", "x-parley-peer": "127.0.0.1" },
    });
    expect(forged.status).toBe(200); // still 127.0.0.1 here: the real peer is what counts

    const untrusted = await startParley({
      PARLEY_AUTH: "header",
      PARLEY_TRUSTED_PROXY: "10.9.9.9",
      PARLEY_DATA_DIR: dataDir("header-untrusted"),
    });
    servers.push(untrusted);
    const refused = await client(untrusted.url).fetch("/api/config", {
      headers: { "x-forwarded-email": "boss@example.com", "x-parley-peer": "10.9.9.9" },
    });
    expect(refused.status).toBe(401);
    expect(await codeOf(refused)).toBe("not_signed_in");
  });
});
