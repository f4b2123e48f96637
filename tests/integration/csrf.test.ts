/**
 * CSRF: a mutating request from another site is refused with 403 `cross_site_request` before it
 * can spend the key, delete or import, in single-user mode and with accounts; the same request
 * from Parley's own origin works. Real HTTP against `next start`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, chatTurn, client, person, signUp } from "../support/accounts";
import { type ParleyServer, startParley } from "../support/parley-server";
import { MODEL } from "../support/persistence";

const EVIL = "https://evil.example";
const importBody = { format: "not-an-export" };

describe.each(["none", "password"] as const)(
  "cross-site requests (PARLEY_AUTH=%s)",
  { timeout: 90_000 },
  (mode) => {
    let parley: ParleyServer;
    let me: Client;
    let conversationId: string;

    beforeAll(async () => {
      parley = await startParley({
        PARLEY_AUTH: mode,
        PARLEY_DATA_DIR: mkdtempSync(path.join(tmpdir(), `parley-csrf-${mode}-`)),
        AIGATEWAY_API_KEY: "",
        EMULATOR_FIRST_BYTE_MS: "0",
        EMULATOR_CHUNK_DELAY_MS: "0",
      });
      me = mode === "none" ? client(parley.url) : await signUp(parley.url, person("Ann"));
      ({ conversationId } = await chatTurn(me, {
        model: MODEL,
        message: { id: randomUUID(), content: "hi" },
      }));
    });
    afterAll(async () => {
      await parley?.stop();
    });

    const asEvil = (headers: Record<string, string>) => ({
      ...headers,
      ...(me.cookie ? { cookie: me.cookie } : {}),
    });

    async function expectRefused(res: Response) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    }

    it.each([
      ["Origin of another site", { origin: EVIL }],
      ["Origin null (sandboxed form)", { origin: "null" }],
      ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ])("refuses POST /api/chat, DELETE conversation, POST /api/import with %s", async (_, headers) => {
      const chat = { model: MODEL, message: { id: randomUUID(), content: "spend the key" } };
      await expectRefused(
        await fetch(`${parley.url}/api/chat`, {
          method: "POST",
          headers: { ...asEvil(headers), "content-type": "text/plain" },
          body: JSON.stringify(chat),
        }),
      );
      await expectRefused(
        await fetch(`${parley.url}/api/conversations/${conversationId}`, {
          method: "DELETE",
          headers: asEvil(headers),
        }),
      );
      await expectRefused(
        await fetch(`${parley.url}/api/import`, {
          method: "POST",
          headers: { ...asEvil(headers), "content-type": "application/json" },
          body: JSON.stringify(importBody),
        }),
      );
      // Nothing happened: the conversation is still there.
      expect((await me.fetch(`/api/conversations/${conversationId}`)).status).toBe(200);
    });

    it("works from Parley's own origin", async () => {
      const res = await me.fetch("/api/import", { method: "POST", json: importBody });
      expect(res.status).toBe(400); // reached the handler: not an export
      expect((await me.fetch(`/api/conversations/${conversationId}`, { method: "DELETE" })).status).toBe(200);
      expect(
        (await me.fetch(`/api/conversations/${conversationId}?action=restore`, { method: "POST" })).status,
      ).toBe(200);
    });

    it("a request without Origin is allowed only when it carries no session cookie", async () => {
      // Scripts and server-to-server clients send no Origin and no cookie.
      const bare = await fetch(`${parley.url}/api/import`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(importBody),
      });
      expect(bare.status).toBe(mode === "none" ? 400 : 401);
      if (mode === "password") {
        await expectRefused(
          await fetch(`${parley.url}/api/import`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: me.cookie },
            body: JSON.stringify(importBody),
          }),
        );
      }
    });
  },
);
