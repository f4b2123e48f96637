/**
 * OIDC sign-in against a real provider started here (the `oidc-provider` package, on 127.0.0.1):
 * Parley discovers it from PARLEY_OIDC_ISSUER, the test follows every redirect over HTTP (the
 * provider's dev login and consent forms included), and ends signed in to Parley.
 */

import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../support/accounts";
import { freePort, type ParleyServer, startParley } from "../support/parley-server";

/** A cookie jar for one origin: enough for following redirects by hand. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

describe("OIDC sign-in by issuer URL", { timeout: 90_000 }, () => {
  let parley: ParleyServer;
  let idp: Server;
  let issuer: string;

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    parley = await startParley({
      PARLEY_AUTH: "password",
      PARLEY_DATA_DIR: mkdtempSync(path.join(tmpdir(), "parley-oidc-")),
      PARLEY_OIDC_ISSUER: issuer,
      PARLEY_OIDC_CLIENT_ID: "parley",
      PARLEY_OIDC_CLIENT_SECRET: "parley-test-secret-0123456789",
      PARLEY_OIDC_NAME: "Test IdP",
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: "parley",
          client_secret: "parley-test-secret-0123456789",
          redirect_uris: [`${parley.url}/api/auth/callback/oidc`],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, email: `${sub}@example.com`, email_verified: true, name: "Olga Idp" }),
      }),
    });
    idp = provider.listen(port);
  });
  afterAll(async () => {
    idp?.close();
    await parley?.stop();
  });

  it("signs in through the provider and lands in Parley as that person", async () => {
    const parleyJar = new Jar();
    const idpJar = new Jar();
    const start = await client(parley.url).fetch("/api/auth/sign-in/social", {
      method: "POST",
      json: { provider: "oidc", callbackURL: "/" },
    });
    expect(start.status).toBe(200);
    parleyJar.take(start);
    let url = ((await start.json()) as { url: string }).url;
    expect(url.startsWith(`${issuer}/auth`)).toBe(true);

    // Follow redirects; answer the provider's login and consent forms like a person would.
    let landed: Response | undefined;
    for (let hop = 0; hop < 20 && !landed; hop++) {
      const onIdp = url.startsWith(issuer);
      const jar = onIdp ? idpJar : parleyJar;
      const res = await fetch(url, { headers: { cookie: jar.header() }, redirect: "manual" });
      jar.take(res);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get("location") ?? "", url).toString();
        continue;
      }
      if (!onIdp) {
        landed = res;
        break;
      }
      const html = await res.text();
      const uid = /\/interaction\/([\w-]+)/.exec(url)?.[1];
      expect(
        uid,
        `${url}: ${html
          .replace(/<style[\s\S]*?<\/style>/, "")
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .slice(0, 400)}`,
      ).toBeTruthy();
      const isLogin = /name="login"/.test(html);
      // oidc-provider's dev interactions: one form posts `prompt=login`, the next `prompt=consent`.
      const form = new URLSearchParams(
        isLogin ? { prompt: "login", login: "olga", password: "any" } : { prompt: "consent" },
      );
      const post = await fetch(`${issuer}/interaction/${uid}`, {
        method: "POST",
        headers: { cookie: idpJar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: form,
        redirect: "manual",
      });
      idpJar.take(post);
      url = new URL(post.headers.get("location") ?? "", issuer).toString();
    }
    // Back on Parley's callback, which redirected to "/" with a session cookie, or the page itself.
    expect(url.startsWith(parley.url)).toBe(true);
    const config = await client(parley.url, parleyJar.header()).fetch("/api/config");
    expect(config.status).toBe(200);
    const body = (await config.json()) as { user: { email: string; role: string; name: string } };
    expect(body.user).toMatchObject({ email: "olga@example.com", name: "Olga Idp", role: "admin" });
  });
});
