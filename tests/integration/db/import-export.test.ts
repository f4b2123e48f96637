import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { saveAttachment } from "@/lib/db/queries/attachments";
import { createConversation, setPinned } from "@/lib/db/queries/conversations";
import { listConversations } from "@/lib/db/queries/list-conversations";
import { getMessagePath } from "@/lib/db/queries/message-path";
import { appendUserMessage, createAssistantMessage } from "@/lib/db/queries/messages";
import { saveAssistantProgress } from "@/lib/db/queries/progress";
import { exportAll, exportConversationJson } from "@/lib/import-export/export";
import type { ParleyExport } from "@/lib/import-export/format";
import { importChatGptExport } from "@/lib/import-export/import-chatgpt";
import { importParleyJson } from "@/lib/import-export/import-parley";
import { exportConversationMarkdown } from "@/lib/import-export/markdown";
import { createUser, drivers, useTestDb } from "../../support/db-drivers";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const text = (t: string) => [{ type: "text" as const, text: t }];

/** An export with ids replaced by their position, so two exports of the same content compare equal. */
function normalise(e: ParleyExport) {
  const ids = new Map<string, string>();
  const alias = (id: string | null) =>
    id === null ? null : (ids.get(id) ?? ids.set(id, `#${ids.size}`).get(id)!);
  for (const a of e.attachments) alias(a.id);
  const json = JSON.stringify({ ...e, exportedAt: undefined });
  return JSON.parse(
    json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => alias(id)!),
  );
}

describe.each(drivers)("import and export (%s)", (driver) => {
  const t = useTestDb(driver);

  async function seed(userId: string) {
    const image = await saveAttachment(t.db, { userId, data: PNG });
    const conv = await createConversation(t.db, {
      userId,
      model: "anthropic/claude-sonnet-4",
      title: "Branches",
      settings: { system: "Be brief.", temperature: 0.2, tools: ["get_weather"], json_mode: false },
    });
    const s = { userId, conversationId: conv.id };
    const u1 = await appendUserMessage(t.db, {
      ...s,
      parentId: null,
      parts: [
        { type: "text", text: "What is this?" },
        { type: "image", url: image.url, mediaType: "image/png" },
      ],
    });
    const a1 = await createAssistantMessage(t.db, {
      ...s,
      parentId: u1.id,
      model: "anthropic/claude-sonnet-4",
    });
    await saveAssistantProgress(t.db, {
      userId,
      messageId: a1.id,
      parts: [
        {
          type: "reasoning",
          text: "Looks like a PNG.",
          durationMs: 800,
          details: [{ type: "reasoning.text", signature: "sig" }],
        },
        {
          type: "tool-call",
          id: "call_1",
          name: "get_weather",
          arguments: "{}",
          status: "done",
          result: '{"ok":true}',
          durationMs: 5,
          step: 0,
        },
        { type: "text", text: "A tiny **image**." },
      ],
      meta: {
        ttftMs: 100,
        totalMs: 900,
        finishReason: "stop",
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      },
      status: "done",
    });
    await createAssistantMessage(t.db, {
      ...s,
      parentId: u1.id,
      model: "m",
      parts: text("Regenerated"),
      status: "done",
    });
    await setPinned(t.db, { ...s, pinned: true });
    return conv;
  }

  it("round-trips everything: export then import gives back the same conversations", async () => {
    const alice = await createUser(t.db);
    await seed(alice);
    await createConversation(t.db, { userId: alice, model: "m", title: "Empty one" });
    const before = await exportAll(t.db, { userId: alice });
    expect(before.conversations).toHaveLength(2);
    expect(before.attachments).toHaveLength(1);

    const bob = await createUser(t.db);
    // Through JSON text, as a downloaded file would be.
    const result = await importParleyJson(t.db, { userId: bob, data: JSON.parse(JSON.stringify(before)) });
    expect(result.conversations).toHaveLength(2);
    expect(result.messages).toBe(3);
    const after = await exportAll(t.db, { userId: bob });
    expect(normalise(after)).toEqual(normalise(before));
  });

  it("exports one conversation as JSON and Markdown (the branch on screen)", async () => {
    const userId = await createUser(t.db);
    const conv = await seed(userId);
    const json = await exportConversationJson(t.db, { userId, conversationId: conv.id });
    expect(json.conversations[0]!.messages).toHaveLength(3);
    const md = await exportConversationMarkdown(t.db, { userId, conversationId: conv.id });
    expect(md).toContain("# Branches");
    expect(md).toContain("Be brief.");
    expect(md).toContain("Regenerated");
    expect(md).not.toContain("A tiny **image**.");
    const other = await createUser(t.db);
    await expect(exportConversationJson(t.db, { userId: other, conversationId: conv.id })).rejects.toThrow(
      /not found/,
    );
  });

  it("imports nothing from a malformed file and says where it is wrong", async () => {
    const userId = await createUser(t.db);
    const good = await exportAll(t.db, { userId: await createUser(t.db) });
    const bad = JSON.parse(
      JSON.stringify({
        ...good,
        conversations: [
          { id: "c1", title: "Fine", model: "m", createdAt: new Date(), updatedAt: new Date(), messages: [] },
          {
            id: "c2",
            title: "Broken",
            model: "m",
            createdAt: new Date(),
            updatedAt: new Date(),
            messages: [
              {
                id: "m1",
                parentId: null,
                role: "user",
                parts: [{ type: "text", text: 5 }],
                createdAt: new Date(),
              },
            ],
          },
        ],
      }),
    );
    await expect(importParleyJson(t.db, { userId, data: bad })).rejects.toThrow(
      /conversation 2 \("Broken"\) › messages\[0\]\.parts\[0\]\.text/,
    );
    const orphan = JSON.parse(JSON.stringify(bad));
    orphan.conversations[1].messages[0] = {
      id: "m1",
      parentId: "nope",
      role: "user",
      parts: [],
      createdAt: new Date(),
    };
    await expect(importParleyJson(t.db, { userId, data: orphan })).rejects.toThrow(/parent "nope"/);
    await expect(importChatGptExport(t.db, { userId, data: { not: "a list" } })).rejects.toThrow(
      /conversations\.json/,
    );
    expect((await listConversations(t.db, { userId })).items).toHaveLength(0);
  });

  it("imports ChatGPT's conversations.json with its branches", async () => {
    const userId = await createUser(t.db);
    const file = JSON.parse(
      await readFile(path.join(__dirname, "../../fixtures/chatgpt-conversations.json"), "utf8"),
    );
    const result = await importChatGptExport(t.db, { userId, data: file });
    expect(result.conversations.map((c) => c.title)).toEqual(["Trip to Lisbon", "Weather in Oslo"]);
    expect(result.skipped).toEqual([{ title: "Empty", reason: "no visible messages" }]);

    const [lisbon] = (await listConversations(t.db, { userId })).items;
    expect(lisbon).toMatchObject({ title: "Trip to Lisbon", model: "gpt-4o" });
    const path1 = await getMessagePath(t.db, { userId, conversationId: lisbon!.id });
    expect(path1.map((m) => [m.role, (m.parts[0] as { text: string }).text])).toEqual([
      ["user", "Plan a 3 day trip to Lisbon"],
      ["assistant", "Day 1: Alfama and the castle. Day 2: Belém. Day 3: Sintra."],
      ["user", "Make it cheaper"],
      ["assistant", "Use the Viva Viagem card and eat at tascas."],
    ]);
    // The edited first question is a root sibling (system and hidden context were skipped).
    const all = await exportConversationJson(t.db, { userId, conversationId: lisbon!.id });
    expect(all.conversations[0]!.messages.filter((m) => m.parentId === null)).toHaveLength(2);

    const [oslo] = (await listConversations(t.db, { userId, archived: true })).items;
    const path2 = await getMessagePath(t.db, { userId, conversationId: oslo!.id });
    expect(path2.map((m) => m.parts.map((p) => p.type))).toEqual([
      ["text", "text"],
      ["reasoning", "text"],
    ]);
    expect(path2[1]).toMatchObject({ model: "o3", finishReason: "stop" });
    expect(path2[0]!.createdAt.toISOString()).toBe(new Date(1717500001000).toISOString());
  });
});
