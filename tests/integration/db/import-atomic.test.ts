/**
 * An import is one transaction: when the database refuses a write midway, the rows written
 * before it are rolled back, on both drivers. What Postgres cannot store is caught or cleaned
 * before the first write: dates out of its range are refused with a clear message, NUL
 * characters are dropped.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/connect";
import { listConversations } from "@/lib/db/queries/list-conversations";
import { getMessagePath } from "@/lib/db/queries/message-path";
import { messages } from "@/lib/db/schema";
import { importParleyJson } from "@/lib/import-export/import-parley";
import { createUser, drivers, useTestDb } from "../../support/db-drivers";

function file(opts: { messageDate?: string; text?: string } = {}) {
  const at = "2025-01-01T10:00:00.000Z";
  const conv = (id: string, title: string, createdAt: string) => ({
    id,
    title,
    model: "m",
    createdAt: at,
    updatedAt: at,
    messages: [
      {
        id: "m1",
        parentId: null,
        role: "user",
        parts: [{ type: "text", text: opts.text ?? "hi" }],
        createdAt,
      },
    ],
  });
  return {
    format: "parley.export",
    version: 1,
    conversations: [conv("c1", "First", at), conv("c2", "Second", opts.messageDate ?? at)],
  };
}

/** The same database, except that inserting messages inside a transaction fails (a full disk, say). */
function failingOnMessages(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "transaction") return Reflect.get(target, prop, receiver);
      return (fn: (tx: unknown) => Promise<unknown>) =>
        target.transaction((tx) =>
          fn(
            new Proxy(tx, {
              get(inner, p, r) {
                if (p !== "insert") return Reflect.get(inner, p, r);
                return (table: unknown) =>
                  table === messages
                    ? { values: () => Promise.reject(new Error("could not extend file: disk full")) }
                    : inner.insert(table as typeof messages);
              },
            }),
          ),
        );
    },
  });
}

describe.each(drivers)("import atomicity (%s)", (driver) => {
  const t = useTestDb(driver);

  it("rolls back the conversations already written when a later insert fails", async () => {
    const userId = await createUser(t.db);
    await expect(importParleyJson(failingOnMessages(t.db), { userId, data: file() })).rejects.toThrow(
      /disk full/,
    );
    expect((await listConversations(t.db, { userId })).items).toHaveLength(0);
    // The same file imports once the database accepts it.
    expect((await importParleyJson(t.db, { userId, data: file() })).conversations).toHaveLength(2);
  });

  it("refuses a date Postgres cannot store, saying where it is", async () => {
    const userId = await createUser(t.db);
    // A valid JavaScript date, but before 4713 BC, where Postgres timestamps end.
    await expect(
      importParleyJson(t.db, { userId, data: file({ messageDate: "-005000-01-01T00:00:00.000Z" }) }),
    ).rejects.toThrow(/conversation 2 \("Second"\) › messages\[0\]\.createdAt: expected a date between/);
    expect((await listConversations(t.db, { userId })).items).toHaveLength(0);
  });

  it("drops NUL characters, which Postgres text and jsonb cannot hold", async () => {
    const userId = await createUser(t.db);
    const result = await importParleyJson(t.db, { userId, data: file({ text: "a\u0000b" }) });
    expect(result.conversations).toHaveLength(2);
    const path = await getMessagePath(t.db, { userId, conversationId: result.conversations[1]!.id });
    expect(path[0]!.parts).toEqual([{ type: "text", text: "ab" }]);
  });
});
