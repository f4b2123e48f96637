import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getAttachment, saveAttachment } from "@/lib/db/queries/attachments";
import {
  createConversation,
  getConversation,
  renameConversation,
  restoreConversation,
  setArchived,
  setConversationTitle,
  setPinned,
  softDeleteConversation,
} from "@/lib/db/queries/conversations";
import { listConversations } from "@/lib/db/queries/list-conversations";
import { listMessages } from "@/lib/db/queries/list-messages";
import { getMessagePath, switchBranch } from "@/lib/db/queries/message-path";
import { appendUserMessage, createAssistantMessage } from "@/lib/db/queries/messages";
import { saveAssistantProgress } from "@/lib/db/queries/progress";
import { searchMessages, splitSnippet } from "@/lib/db/queries/search";
import { conversations } from "@/lib/db/schema";
import { createUser, drivers, useTestDb } from "../../support/db-drivers";

const text = (t: string) => [{ type: "text" as const, text: t }];
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);

describe.each(drivers)("conversations (%s)", (driver) => {
  const t = useTestDb(driver);

  it("keeps each user's rows to that user", async () => {
    const alice = await createUser(t.db);
    const bob = await createUser(t.db);
    const conv = await createConversation(t.db, { userId: alice, model: "m", title: "Secret" });
    const msg = await appendUserMessage(t.db, {
      userId: alice,
      conversationId: conv.id,
      parentId: null,
      parts: text("hi"),
    });
    const a = await createAssistantMessage(t.db, {
      userId: alice,
      conversationId: conv.id,
      parentId: msg.id,
      model: "m",
    });
    const ids = { userId: bob, conversationId: conv.id };

    expect(await getConversation(t.db, ids)).toBeNull();
    expect((await listConversations(t.db, { userId: bob })).items).toEqual([]);
    await expect(listMessages(t.db, ids)).rejects.toThrow(/not found/);
    await expect(getMessagePath(t.db, ids)).rejects.toThrow(/not found/);
    await expect(switchBranch(t.db, { ...ids, messageId: msg.id })).rejects.toThrow(/not found/);
    await expect(appendUserMessage(t.db, { ...ids, parentId: msg.id, parts: text("x") })).rejects.toThrow(
      /not found/,
    );
    expect(await renameConversation(t.db, { ...ids, title: "pwned" })).toBe(false);
    expect(await setPinned(t.db, { ...ids, pinned: true })).toBe(false);
    expect(await softDeleteConversation(t.db, ids)).toBe(false);
    expect(await saveAssistantProgress(t.db, { userId: bob, messageId: a.id, parts: text("x") })).toBe(false);
    expect(await searchMessages(t.db, { userId: bob, query: "secret" })).toEqual([]);
    const file = await saveAttachment(t.db, { userId: alice, data: PNG });
    expect(await getAttachment(t.db, { userId: bob, id: file.id })).toBeNull();
    expect(await getConversation(t.db, { userId: alice, conversationId: conv.id })).toMatchObject({
      title: "Secret",
      pinned: false,
    });
    // Malformed ids read as "not found", not as a database error.
    expect(await getConversation(t.db, { userId: alice, conversationId: "not-a-uuid" })).toBeNull();
  });

  it("renames, titles, pins, archives, deletes and restores", async () => {
    const userId = await createUser(t.db);
    const conv = await createConversation(t.db, { userId, model: "m" });
    const ids = { userId, conversationId: conv.id };
    expect(await setConversationTitle(t.db, { ...ids, title: "Auto title" })).toBe(true);
    await renameConversation(t.db, { ...ids, title: "  Mine  " });
    // The automatic title never overwrites a title that is already there.
    expect(await setConversationTitle(t.db, { ...ids, title: "Late auto title" })).toBe(false);
    await setPinned(t.db, { ...ids, pinned: true });
    expect(await getConversation(t.db, ids)).toMatchObject({ title: "Mine", pinned: true, archived: false });

    await setArchived(t.db, { ...ids, archived: true });
    expect((await listConversations(t.db, { userId })).items).toHaveLength(0);
    expect((await listConversations(t.db, { userId, archived: true })).items).toHaveLength(1);

    expect(await softDeleteConversation(t.db, ids)).toBe(true);
    expect(await getConversation(t.db, ids)).toBeNull();
    expect((await listConversations(t.db, { userId, archived: true })).items).toHaveLength(0);
    expect(await restoreConversation(t.db, ids)).toBe(true);
    expect(await getConversation(t.db, ids)).toMatchObject({ title: "Mine" });
    expect(await restoreConversation(t.db, ids)).toBe(false);
  });

  it("pages the list by last activity with a cursor", async () => {
    const userId = await createUser(t.db);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const c = await createConversation(t.db, { userId, model: "m", title: `c${i}` });
      // Same timestamp for some rows: the cursor must break ties by id.
      await t.db
        .update(conversations)
        .set({ updatedAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 2))) })
        .where(sql`id = ${c.id}`);
      made.push(c.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listConversations>> = await listConversations(t.db, {
        userId,
        cursor,
        limit: 3,
      });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());

    // A new message moves its conversation to the top.
    await appendUserMessage(t.db, { userId, conversationId: made[0]!, parentId: null, parts: text("bump") });
    expect((await listConversations(t.db, { userId, limit: 1 })).items[0]!.id).toBe(made[0]);
    await expect(listConversations(t.db, { userId, cursor: "garbage" })).rejects.toThrow(/cursor/);
  });

  it("searches titles and answers, ranked, with highlighted snippets", async () => {
    const userId = await createUser(t.db);
    const c1 = await createConversation(t.db, { userId, model: "m", title: "Sourdough starter" });
    const u = await appendUserMessage(t.db, {
      userId,
      conversationId: c1.id,
      parentId: null,
      parts: text("How do I bake bread?"),
    });
    const a = await createAssistantMessage(t.db, {
      userId,
      conversationId: c1.id,
      parentId: u.id,
      model: "m",
    });
    await saveAssistantProgress(t.db, {
      userId,
      messageId: a.id,
      parts: [
        { type: "reasoning", text: "hidden thinking about croissants" },
        {
          type: "text",
          text: "Knead the dough, let the dough rise overnight, then bake the dough in a <b>hot</b> oven.",
        },
      ],
      status: "done",
    });
    const c2 = await createConversation(t.db, { userId, model: "m", title: "Other" });
    await appendUserMessage(t.db, {
      userId,
      conversationId: c2.id,
      parentId: null,
      parts: text("Is pizza dough any different from the bread I bake every weekend for my family?"),
    });
    const gone = await createConversation(t.db, { userId, model: "m", title: "Deleted dough" });
    await softDeleteConversation(t.db, { userId, conversationId: gone.id });

    const hits = await searchMessages(t.db, { userId, query: "doughs" });
    expect(hits.map((h) => h.messageId)).toEqual([a.id, expect.any(String)]);
    expect(hits[0]).toMatchObject({ conversationId: c1.id, role: "assistant", title: "Sourdough starter" });
    expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);
    const runs = splitSnippet(hits[0]!.snippet);
    expect(runs.filter((r) => r.match).map((r) => r.text)).toContain("dough");
    expect(runs.map((r) => r.text).join("")).toContain("<b>hot</b>");

    const titleHit = await searchMessages(t.db, { userId, query: "sourdough" });
    expect(titleHit[0]).toMatchObject({ conversationId: c1.id, messageId: null });
    expect(await searchMessages(t.db, { userId, query: "croissants" })).toEqual([]);
    expect(await searchMessages(t.db, { userId, query: "  " })).toEqual([]);
    expect(await searchMessages(t.db, { userId, query: 'the "and" -or' })).toEqual([]);
  });

  it("stores images with their sniffed type and refuses other files", async () => {
    const userId = await createUser(t.db);
    const saved = await saveAttachment(t.db, { userId, data: PNG });
    expect(saved).toMatchObject({
      mediaType: "image/png",
      bytes: PNG.byteLength,
      url: `/api/attachments/${saved.id}`,
    });
    const got = await getAttachment(t.db, { userId, id: saved.id });
    expect(got?.mediaType).toBe("image/png");
    expect(Array.from(got!.data)).toEqual(Array.from(PNG));
    await expect(saveAttachment(t.db, { userId, data: new TextEncoder().encode("<svg/>") })).rejects.toThrow(
      /PNG/,
    );
    await expect(saveAttachment(t.db, { userId, data: new Uint8Array(5 * 1024 * 1024 + 1) })).rejects.toThrow(
      /5 MB/,
    );
  });
});
