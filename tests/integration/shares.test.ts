/**
 * Share links over real HTTP (next start + the gateway emulator + PostgreSQL): a snapshot of the
 * branch on screen with reasoning, tool cards and images; listed and revoked by the owner only;
 * the public page and its images need no account, say noindex, and stop at revocation.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/lib/db/connect";
import { newId } from "@/lib/db/ids";
import { newShareId } from "@/lib/db/queries/shares";
import { conversations, shares } from "@/lib/db/schema";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { buildSnapshot } from "@/lib/share/snapshot";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, readConversation, type Store } from "../support/persistence";
import { newTurn, read } from "../support/turns";

const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const THINKING = "anthropic/claude-sonnet-4.6";

type ShareJson = { id: string; url: string; title: string; conversationId: string; messageCount: number };

describe("share links", { timeout: 60_000 }, () => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let store: Store;
  let seed: DbHandle;
  let base: string;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 1 });
    store = await createStore("postgres");
    parley = await startParley({
      AIGATEWAY_API_KEY: "sk-shares-test",
      AIGATEWAY_BASE_URL: emulator.url,
      ...store.env,
    });
    base = parley.url;
    // A second connection, to seed another user's share while the server runs.
    seed = await createDb({ driver: "postgres", url: store.env.DATABASE_URL!, migrate: false });
  }, 120_000);

  afterAll(async () => {
    await seed?.close();
    await parley?.stop();
    await emulator?.close();
    await store?.drop();
  });

  async function turn(content: unknown, extra: Record<string, unknown> = {}) {
    const t = read(`${base}/api/chat`, newTurn(content, { model: THINKING, ...extra }));
    const saved = await t.saved;
    const { status } = await t.done;
    expect(status).toBe(200);
    return saved;
  }

  async function share(conversationId: string): Promise<Response> {
    return fetch(`${base}/api/conversations/${conversationId}/shares`, { method: "POST" });
  }

  async function upload(): Promise<string> {
    const res = await fetch(`${base}/api/attachments`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: Buffer.from(PNG_1PX, "base64"),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { url: string }).url;
  }

  let shared: ShareJson;
  let conversationId: string;

  it("snapshots the branch on screen: text, reasoning, a tool card and an image", async () => {
    const imageUrl = await upload();
    const first = await turn(
      [
        { type: "text", text: "What is 12 * 7? Look at this too." },
        { type: "image_url", image_url: { url: imageUrl } },
      ],
      { settings: { tools: ["calculator"] } },
    );
    conversationId = first.conversationId;
    const res = await share(conversationId);
    expect(res.status).toBe(201);
    shared = ((await res.json()) as { share: ShareJson }).share;
    // 144 random bits, base64url, and the link is just the id.
    expect(shared.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(shared.url).toBe(`/s/${shared.id}`);
    expect(shared.messageCount).toBe(2);
    const other = ((await (await share(conversationId)).json()) as { share: ShareJson }).share;
    expect(other.id).not.toBe(shared.id);

    const page = await fetch(`${base}/s/${shared.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toMatch(/noindex/);
    const html = await page.text();
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html).toContain("What is 12 * 7?");
    expect(html).toContain('data-testid="reasoning"');
    expect(html).toContain('data-state="closed"');
    expect(html).toContain('data-tool-name="calculator"');
    expect(html).toContain("84"); // the calculator's result, quoted in the answer and the card
    expect(html).toContain('data-testid="message-footer"');
    // The owner's attachment URL is not in the page; the share's own image URL is, and serves.
    expect(html).not.toContain("/api/attachments/");
    expect(html).toContain(`/api/shares/${shared.id}/images/0`);
    const image = await fetch(`${base}/api/shares/${shared.id}/images/0`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("x-robots-tag")).toMatch(/noindex/);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from(PNG_1PX, "base64"));
    expect((await fetch(`${base}/api/shares/${shared.id}/images/1`)).status).toBe(404);
    // Provider signatures stay out of the page.
    expect(html).not.toContain("signature");
  });

  it("does not change when the conversation changes later", async () => {
    await turn("Second question that is not in the snapshot", {
      conversationId,
      parentId: (await readConversation(base, conversationId)).conversation.currentLeafId,
    });
    const later = await fetch(`${base}/s/${shared.id}`).then((r) => r.text());
    expect(later).not.toContain("Second question that is not in the snapshot");
    expect(later).toContain("What is 12 * 7?");
    // A new share sees the new turn.
    const fresh = ((await (await share(conversationId)).json()) as { share: ShareJson }).share;
    expect(fresh.messageCount).toBe(4);
    expect(await fetch(`${base}/s/${fresh.id}`).then((r) => r.text())).toContain(
      "Second question that is not in the snapshot",
    );
  });

  it("lists the owner's live links, newest first", async () => {
    const res = await fetch(`${base}/api/shares`);
    expect(res.status).toBe(200);
    const { shares: list } = (await res.json()) as { shares: ShareJson[] };
    expect(list.length).toBe(3);
    expect(list.at(-1)!.id).toBe(shared.id);
    expect(list.every((s) => s.conversationId === conversationId)).toBe(true);
  });

  it("answers 404 for another user's conversation, and for another user's share on revoke", async () => {
    expect((await share(store.foreign.conversationId)).status).toBe(404);
    expect((await share("not-a-uuid")).status).toBe(404);
    const foreignShareId = newShareId();
    const [owner] = await seed.db
      .select({ userId: conversations.userId })
      .from(conversations)
      .where(eq(conversations.id, store.foreign.conversationId));
    await seed.db.insert(shares).values({
      id: foreignShareId,
      userId: owner!.userId,
      conversationId: store.foreign.conversationId,
      title: "not yours",
      snapshot: buildSnapshot({ shareId: foreignShareId, title: "not yours", model: THINKING, path: [] }),
    });
    const del = await fetch(`${base}/api/shares/${foreignShareId}`, { method: "DELETE" });
    expect(del.status).toBe(404);
    // Still live for its readers: the owner's link was untouched.
    expect((await fetch(`${base}/s/${foreignShareId}`)).status).toBe(200);
    const { shares: list } = (await (await fetch(`${base}/api/shares`)).json()) as { shares: ShareJson[] };
    expect(list.map((s) => s.id)).not.toContain(foreignShareId);
    expect((await fetch(`${base}/api/shares/${newId()}`, { method: "DELETE" })).status).toBe(404);
  });

  it("revokes: the page and its images answer 404 exactly like an unknown id", async () => {
    const del = await fetch(`${base}/api/shares/${shared.id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expect((await fetch(`${base}/api/shares/${shared.id}`, { method: "DELETE" })).status).toBe(404);
    const revoked = await fetch(`${base}/s/${shared.id}`);
    const unknown = await fetch(`${base}/s/${newShareId()}`);
    expect(revoked.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(revoked.headers.get("x-robots-tag")).toMatch(/noindex/);
    const [a, b] = [await revoked.text(), await unknown.text()];
    expect(a).toContain("This link is no longer available");
    expect(b).toContain("This link is no longer available");
    expect(a).not.toContain("What is 12 * 7?");
    const image = await fetch(`${base}/api/shares/${shared.id}/images/0`);
    expect(image.status).toBe(404);
    expect(image.headers.get("x-robots-tag")).toMatch(/noindex/);
    const { shares: list } = (await (await fetch(`${base}/api/shares`)).json()) as { shares: ShareJson[] };
    expect(list.map((s) => s.id)).not.toContain(shared.id);
  });
});
