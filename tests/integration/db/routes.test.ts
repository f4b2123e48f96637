/**
 * The conversation API end to end through getDb(), as the app runs it: PGlite in a data folder,
 * or Postgres through DATABASE_URL. Handlers are called directly with Request objects.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as attachmentRoute from "@/app/api/attachments/[id]/route";
import * as uploadRoute from "@/app/api/attachments/route";
import * as exportRoute from "@/app/api/conversations/[id]/export/route";
import * as messagesRoute from "@/app/api/conversations/[id]/messages/route";
import * as conversationRoute from "@/app/api/conversations/[id]/route";
import * as listRoute from "@/app/api/conversations/route";
import * as importRoute from "@/app/api/import/route";
import * as searchRoute from "@/app/api/search/route";
import { closeDb, getDb } from "@/lib/db/client";
import { currentUserId } from "@/lib/db/local-user";
import { appendUserMessage, createAssistantMessage } from "@/lib/db/queries/messages";
import { saveAssistantProgress } from "@/lib/db/queries/progress";
import { resetServerEnvForTests } from "@/lib/env";
import { drivers, useTestDb } from "../../support/db-drivers";

const BASE = "http://parley.test";
const req = (url: string, init?: RequestInit) => new Request(`${BASE}${url}`, init);
const json = (method: string, body: unknown) => ({
  method,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(drivers)("conversation API (%s)", (driver) => {
  const t = useTestDb(driver);
  let dataDir: string;
  const saved = { url: process.env.DATABASE_URL, dir: process.env.PARLEY_DATA_DIR };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "parley-routes-"));
    if (driver === "postgres") process.env.DATABASE_URL = t.url;
    else delete process.env.DATABASE_URL;
    process.env.PARLEY_DATA_DIR = dataDir;
    // The handlers run in this process, which listens nowhere: single-user mode, said outright.
    process.env.PARLEY_AUTH = "none";
    resetServerEnvForTests();
    await closeDb();
  });
  afterAll(async () => {
    await closeDb();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.dir === undefined) delete process.env.PARLEY_DATA_DIR;
    else process.env.PARLEY_DATA_DIR = saved.dir;
    delete process.env.PARLEY_AUTH;
    resetServerEnvForTests();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("creates, lists, edits, deletes and restores a conversation", async () => {
    const created = await listRoute.POST(
      req("/api/conversations", json("POST", { model: "anthropic/claude-sonnet-4" })),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const list = await (await listRoute.GET(req("/api/conversations?limit=10"))).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(id);

    const patched = await conversationRoute.PATCH(
      req(`/api/conversations/${id}`, json("PATCH", { title: "Renamed", pinned: true })),
      ctx(id),
    );
    expect((await patched.json()).conversation).toMatchObject({ title: "Renamed", pinned: true });

    expect((await conversationRoute.DELETE(req(`/api/conversations/${id}`), ctx(id))).status).toBe(200);
    const gone = await conversationRoute.GET(req(`/api/conversations/${id}`), ctx(id));
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      error: { code: "not_found", message: "The conversation was not found." },
    });
    const restored = await conversationRoute.POST(
      req(`/api/conversations/${id}?action=restore`, { method: "POST" }),
      ctx(id),
    );
    expect(restored.status).toBe(200);
  });

  it("validates input and answers JSON errors", async () => {
    const bad = await listRoute.POST(req("/api/conversations", json("POST", { model: "nope" })));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
    const badId = await conversationRoute.GET(req("/api/conversations/xyz"), ctx("xyz"));
    expect(badId.status).toBe(404);
    const badImport = await importRoute.POST(req("/api/import", json("POST", { hello: "world" })));
    expect(badImport.status).toBe(400);
    expect((await badImport.json()).error.message).toMatch(/neither a Parley export nor ChatGPT/);
  });

  it("serves messages, older pages, search and exports", async () => {
    const db = await getDb();
    const userId = currentUserId();
    const { id } = await (
      await listRoute.POST(req("/api/conversations", json("POST", { model: "anthropic/claude-sonnet-4" })))
    ).json();
    let parentId: string | null = null;
    for (let i = 0; i < 5; i++) {
      const u = await appendUserMessage(db, {
        userId,
        conversationId: id,
        parentId,
        parts: [{ type: "text", text: `question ${i} about zebras` }],
      });
      const a = await createAssistantMessage(db, {
        userId,
        conversationId: id,
        parentId: u.id,
        model: "m",
        status: "done",
        parts: [{ type: "text", text: `answer ${i}` }],
      });
      parentId = a.id;
    }
    const first = await (
      await conversationRoute.GET(req(`/api/conversations/${id}?limit=4`), ctx(id))
    ).json();
    expect(first.messages).toHaveLength(4);
    expect(first.hasMore).toBe(true);
    const older = await (
      await messagesRoute.GET(
        req(`/api/conversations/${id}/messages?before=${first.messages[0].id}&limit=50`),
        ctx(id),
      )
    ).json();
    expect(older.messages).toHaveLength(6);
    expect(older.hasMore).toBe(false);

    const search = await (await searchRoute.GET(req("/api/search?q=zebra"))).json();
    expect(search.results.length).toBeGreaterThan(0);
    expect(search.results[0].snippet).toContain("\u0002zebras\u0003");

    const md = await exportRoute.GET(req(`/api/conversations/${id}/export?format=md`), ctx(id));
    expect(md.headers.get("content-type")).toMatch(/text\/markdown/);
    expect(md.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(await md.text()).toContain("answer 4");
  });

  it("uploads images and serves them back with their type", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2]);
    const form = new FormData();
    form.set("file", new Blob([png], { type: "image/png" }), "a.png");
    const up = await uploadRoute.POST(req("/api/attachments", { method: "POST", body: form }));
    expect(up.status).toBe(201);
    const { id, url } = await up.json();
    expect(url).toBe(`/api/attachments/${id}`);
    const got = await attachmentRoute.GET(req(url), ctx(id));
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("cache-control")).toMatch(/^private/);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);

    const text = await uploadRoute.POST(
      req("/api/attachments", { method: "POST", body: "hello", headers: { "content-type": "image/png" } }),
    );
    expect(text.status).toBe(400);
    const big = await uploadRoute.POST(
      req("/api/attachments", {
        method: "POST",
        body: new Uint8Array(5 * 1024 * 1024 + 1),
        headers: { "content-type": "image/png" },
      }),
    );
    expect(big.status).toBe(413);
  });

  it("after a restart, an answer cut off mid-stream keeps its text and is marked interrupted", async () => {
    const db = await getDb();
    const userId = currentUserId();
    const { id } = await (
      await listRoute.POST(req("/api/conversations", json("POST", { model: "anthropic/claude-sonnet-4" })))
    ).json();
    const u = await appendUserMessage(db, {
      userId,
      conversationId: id,
      parentId: null,
      parts: [{ type: "text", text: "tell me" }],
    });
    const a = await createAssistantMessage(db, { userId, conversationId: id, parentId: u.id, model: "m" });
    await saveAssistantProgress(db, {
      userId,
      messageId: a.id,
      parts: [{ type: "text", text: "Once upon a" }],
    });

    await closeDb(); // the process dies; the next one opens the same database
    const page = await (await conversationRoute.GET(req(`/api/conversations/${id}`), ctx(id))).json();
    expect(page.messages.at(-1)).toMatchObject({
      id: a.id,
      status: "interrupted",
      parts: [{ type: "text", text: "Once upon a" }],
    });
  });
});
