/**
 * Every query is scoped to its owner: with two real accounts against `next start` (PGlite,
 * PARLEY_AUTH=password), user B gets 404 on every route that takes one of user A's ids, and A's
 * rows are untouched afterwards.
 */

import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, chatTurn, person, signUp } from "../support/accounts";
import { type ParleyServer, startParley } from "../support/parley-server";
import { MODEL } from "../support/persistence";

const PNG_1PX = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("another user's ids answer 404 (IDOR)", { timeout: 90_000 }, () => {
  let parley: ParleyServer;
  let a: Client;
  let b: Client;
  let ids: {
    conversationId: string;
    userMessageId: string;
    assistantMessageId: string;
    generationId: string;
  };
  let attachmentId: string;

  beforeAll(async () => {
    parley = await startParley({
      PARLEY_AUTH: "password",
      PARLEY_DATA_DIR: mkdtempSync(path.join(tmpdir(), "parley-idor-")),
      AIGATEWAY_API_KEY: "",
      EMULATOR_FIRST_BYTE_MS: "0",
      EMULATOR_CHUNK_DELAY_MS: "0",
    });
    a = await signUp(parley.url, person("Ann"));
    const open = await a.fetch("/api/admin/settings", { method: "PATCH", json: { signUpPolicy: "open" } });
    expect(open.status).toBe(200);
    b = await signUp(parley.url, person("Bob"));
    ids = await chatTurn(a, { model: MODEL, message: { id: randomUUID(), content: "Hello from Ann" } });
    const upload = await a.fetch("/api/attachments", {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: PNG_1PX,
    });
    expect(upload.status).toBe(201);
    attachmentId = ((await upload.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await parley?.stop();
  });

  it("B sees none of A's conversations in the list or in search", async () => {
    const list = (await (await b.fetch("/api/conversations")).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const search = (await (await b.fetch("/api/search?q=Hello")).json()) as { results: unknown[] };
    expect(search.results).toEqual([]);
    const found = (await (await a.fetch("/api/search?q=Hello")).json()) as { results: unknown[] };
    expect(found.results.length).toBeGreaterThan(0);
    const mine = (await (await a.fetch("/api/conversations")).json()) as { items: { id: string }[] };
    expect(mine.items.map((c) => c.id)).toEqual([ids.conversationId]);
  });

  it("B gets 404 on every route with A's ids", async () => {
    const c = ids.conversationId;
    // B's own conversation, to hang A's message ids under.
    const own = await chatTurn(b, { model: MODEL, message: { id: randomUUID(), content: "Bob here" } });
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/conversations/${c}`],
      ["PATCH", `/api/conversations/${c}`, { title: "mine now" }],
      ["DELETE", `/api/conversations/${c}`],
      ["POST", `/api/conversations/${c}?action=restore`],
      ["GET", `/api/conversations/${c}/messages`],
      ["GET", `/api/conversations/${c}/export`],
      ["GET", `/api/attachments/${attachmentId}`],
      ["GET", `/api/generations/${ids.generationId}/stream`],
      ["POST", `/api/generations/${ids.generationId}/stop`],
      ["POST", "/api/chat", { model: MODEL, conversationId: c, message: { id: randomUUID(), content: "x" } }],
      [
        "POST",
        "/api/chat",
        {
          model: MODEL,
          conversationId: own.conversationId,
          parentId: ids.userMessageId,
          message: { id: randomUUID(), content: "x" },
        },
      ],
      [
        "POST",
        "/api/chat",
        { model: MODEL, conversationId: c, parentId: ids.userMessageId, regenerate: true },
      ],
      ["POST", "/api/chat", { model: MODEL, conversationId: c, continueMessageId: ids.assistantMessageId }],
      [
        "POST",
        "/api/chat",
        { model: MODEL, conversationId: own.conversationId, continueMessageId: ids.assistantMessageId },
      ],
    ];
    for (const [method, url, json] of calls) {
      const res = await b.fetch(url, { method, json });
      expect(`${method} ${url} ${JSON.stringify(json ?? "")} → ${res.status}`).toBe(
        `${method} ${url} ${JSON.stringify(json ?? "")} → 404`,
      );
      await res.body?.cancel();
    }
  });

  it("A's conversation is untouched and readable by A", async () => {
    const res = await a.fetch(`/api/conversations/${ids.conversationId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversation: { title: string } };
    expect(body.conversation.title).not.toBe("mine now");
    expect((await a.fetch(`/api/attachments/${attachmentId}`)).status).toBe(200);
  });

  it("without a session every route answers 401 not_signed_in", async () => {
    const res = await fetch(`${parley.url}/api/conversations/${ids.conversationId}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_signed_in");
  });
});
