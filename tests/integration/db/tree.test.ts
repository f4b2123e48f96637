import { describe, expect, it } from "vitest";
import { createConversation } from "@/lib/db/queries/conversations";
import { listMessages } from "@/lib/db/queries/list-messages";
import { getMessagePath, switchBranch } from "@/lib/db/queries/message-path";
import { appendUserMessage, createAssistantMessage } from "@/lib/db/queries/messages";
import { markInterruptedMessages, saveAssistantProgress } from "@/lib/db/queries/progress";
import { createUser, drivers, useTestDb } from "../../support/db-drivers";

const text = (t: string) => [{ type: "text" as const, text: t }];
const texts = (ms: { parts: unknown[] }[]) => ms.map((m) => (m.parts[0] as { text: string }).text);

describe.each(drivers)("message tree (%s)", (driver) => {
  const t = useTestDb(driver);

  async function setup() {
    const userId = await createUser(t.db);
    const conv = await createConversation(t.db, { userId, model: "anthropic/claude-sonnet-4" });
    const ids = { userId, conversationId: conv.id };
    const u1 = await appendUserMessage(t.db, { ...ids, parentId: null, parts: text("hi") });
    const a1 = await createAssistantMessage(t.db, { ...ids, parentId: u1.id, model: "m" });
    await saveAssistantProgress(t.db, { userId, messageId: a1.id, parts: text("hello"), status: "done" });
    const u2 = await appendUserMessage(t.db, { ...ids, parentId: a1.id, parts: text("q1") });
    const a2 = await createAssistantMessage(t.db, {
      ...ids,
      parentId: u2.id,
      model: "m",
      parts: text("ans1"),
    });
    // Edit of the second question: a sibling of u2, with its own answer.
    const u2b = await appendUserMessage(t.db, { ...ids, parentId: a1.id, parts: text("q1 edited") });
    const a2b = await createAssistantMessage(t.db, {
      ...ids,
      parentId: u2b.id,
      model: "m",
      parts: text("ans2"),
    });
    return { ...ids, u1, a1, u2, a2, u2b, a2b };
  }

  it("returns the root→leaf path of the current branch", async () => {
    const s = await setup();
    const path = await getMessagePath(t.db, { userId: s.userId, conversationId: s.conversationId });
    expect(texts(path)).toEqual(["hi", "hello", "q1 edited", "ans2"]);
    const other = await getMessagePath(t.db, { ...s, leafId: s.a2.id });
    expect(texts(other)).toEqual(["hi", "hello", "q1", "ans1"]);
  });

  it("lists messages with sibling info and switches branch to the newest deepest descendant", async () => {
    const s = await setup();
    let page = await listMessages(t.db, { userId: s.userId, conversationId: s.conversationId });
    expect(texts(page.messages)).toEqual(["hi", "hello", "q1 edited", "ans2"]);
    expect(page.messages[2]!.siblingIds).toEqual([s.u2.id, s.u2b.id]);
    expect(page.messages[2]!.siblingIndex).toBe(1);
    expect(page.messages[0]!.siblingIds).toEqual([s.u1.id]);
    expect(page.hasMore).toBe(false);

    const leaf = await switchBranch(t.db, {
      userId: s.userId,
      conversationId: s.conversationId,
      messageId: s.u2.id,
    });
    expect(leaf).toBe(s.a2.id);
    page = await listMessages(t.db, { userId: s.userId, conversationId: s.conversationId });
    expect(texts(page.messages)).toEqual(["hi", "hello", "q1", "ans1"]);
    expect(page.messages[2]!.siblingIndex).toBe(0);

    // Regenerate: a second answer under u2 becomes the leaf, and switching to u2 picks it.
    const a2c = await createAssistantMessage(t.db, {
      ...s,
      parentId: s.u2.id,
      model: "m",
      parts: text("ans1b"),
    });
    await switchBranch(t.db, { ...s, messageId: s.u2b.id });
    expect(await switchBranch(t.db, { ...s, messageId: s.u2.id })).toBe(a2c.id);
  });

  it("pages the path latest-first with `before`", async () => {
    const s = await setup();
    const first = await listMessages(t.db, { ...s, limit: 3 });
    expect(texts(first.messages)).toEqual(["hello", "q1 edited", "ans2"]);
    expect(first.hasMore).toBe(true);
    const older = await listMessages(t.db, { ...s, limit: 3, before: first.messages[0]!.id });
    expect(texts(older.messages)).toEqual(["hi"]);
    expect(older.hasMore).toBe(false);
  });

  it("rejects a parent from another conversation", async () => {
    const s = await setup();
    const other = await createConversation(t.db, { userId: s.userId, model: "m" });
    await expect(
      appendUserMessage(t.db, {
        userId: s.userId,
        conversationId: other.id,
        parentId: s.a1.id,
        parts: text("x"),
      }),
    ).rejects.toThrow(/parent/);
  });

  it("saves progress until the message ends, then ignores late saves", async () => {
    const s = await setup();
    const a = await createAssistantMessage(t.db, { ...s, parentId: s.u2b.id, model: "m" });
    expect(a.status).toBe("streaming");
    expect(await saveAssistantProgress(t.db, { userId: s.userId, messageId: a.id, parts: text("par") })).toBe(
      true,
    );
    const meta = {
      ttftMs: 120.4,
      totalMs: 900,
      finishReason: "stop",
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    };
    expect(
      await saveAssistantProgress(t.db, {
        userId: s.userId,
        messageId: a.id,
        parts: text("partial done"),
        meta,
        status: "done",
      }),
    ).toBe(true);
    expect(
      await saveAssistantProgress(t.db, { userId: s.userId, messageId: a.id, parts: text("late") }),
    ).toBe(false);
    const [saved] = (await getMessagePath(t.db, { ...s, leafId: a.id })).slice(-1);
    expect(saved).toMatchObject({
      status: "done",
      ttftMs: 120,
      totalMs: 900,
      finishReason: "stop",
      usage: meta.usage,
    });
    expect(texts([saved!])).toEqual(["partial done"]);
  });

  it("marks messages left streaming as interrupted, keeping what was saved", async () => {
    const s = await setup();
    const a = await createAssistantMessage(t.db, { ...s, parentId: s.u2b.id, model: "m" });
    await saveAssistantProgress(t.db, { userId: s.userId, messageId: a.id, parts: text("half an ans") });
    expect(await markInterruptedMessages(t.db)).toBeGreaterThanOrEqual(1);
    const path = await getMessagePath(t.db, s);
    expect(path.at(-1)).toMatchObject({ id: a.id, status: "interrupted" });
    expect(texts(path.slice(-1))).toEqual(["half an ans"]);
    expect(await saveAssistantProgress(t.db, { userId: s.userId, messageId: a.id, parts: text("x") })).toBe(
      false,
    );
  });
});
