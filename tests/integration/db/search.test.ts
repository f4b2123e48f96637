/**
 * Search as the dialog uses it, on both drivers: the last word matches as a prefix while it is
 * typed, every hit says whether its message is on the branch on screen, and imported ChatGPT
 * branches are searchable.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { searchMessages } from "@/lib/db/queries/search";
import { importChatGptExport } from "@/lib/import-export/import-chatgpt";
import { splitSnippet } from "@/lib/search/snippet";
import { createUser, drivers, useTestDb } from "../../support/db-drivers";

async function importFixture(db: Parameters<typeof importChatGptExport>[0], userId: string) {
  const file = JSON.parse(
    await readFile(path.join(__dirname, "../../fixtures/chatgpt-conversations.json"), "utf8"),
  );
  return importChatGptExport(db, { userId, data: file });
}

const matches = (snippet: string) =>
  splitSnippet(snippet)
    .filter((r) => r.match)
    .map((r) => r.text);

describe.each(drivers)("search (%s)", (driver) => {
  const t = useTestDb(driver);

  it("matches the word being typed as a prefix, and keeps websearch syntax", async () => {
    const userId = await createUser(t.db);
    await importFixture(t.db, userId);

    const typing = await searchMessages(t.db, { userId, query: "viagem tasc" });
    expect(typing).toHaveLength(1);
    expect(matches(typing[0]!.snippet)).toEqual(expect.arrayContaining(["Viagem", "tascas"]));

    const title = await searchMessages(t.db, { userId, query: "lisb" });
    expect(title[0]).toMatchObject({ title: "Trip to Lisbon", messageId: null });

    // A trailing stop word, a quoted phrase still open, a negation: no prefix, no error.
    expect((await searchMessages(t.db, { userId, query: "sintra and" })).length).toBeGreaterThan(0);
    expect(await searchMessages(t.db, { userId, query: '"day 1: baix' })).toEqual([]);
    expect(await searchMessages(t.db, { userId, query: "lisbon -trip" })).toEqual([]);
    expect(await searchMessages(t.db, { userId, query: "a:* | b & (" })).toEqual([]);
  });

  it("says whether a hit is on the branch on screen (imported ChatGPT branches)", async () => {
    const userId = await createUser(t.db);
    await importFixture(t.db, userId);
    const [onScreen] = await searchMessages(t.db, { userId, query: "sintra" });
    expect(onScreen).toMatchObject({ role: "assistant", onCurrentBranch: true });
    // "Baixa" is only in the answer to the edited first question, a branch not shown.
    const [otherBranch] = await searchMessages(t.db, { userId, query: "baixa" });
    expect(otherBranch).toMatchObject({ role: "assistant", onCurrentBranch: false, title: "Trip to Lisbon" });
    expect(matches(otherBranch!.snippet)).toEqual(["Baixa"]);
  });

  it("logs nothing for queries made only of stop words", async () => {
    const userId = await createUser(t.db);
    const log = vi.spyOn(console, "log");
    const warn = vi.spyOn(console, "warn");
    try {
      expect(await searchMessages(t.db, { userId, query: "the" })).toEqual([]);
      expect(await searchMessages(t.db, { userId, query: "what is" })).toEqual([]);
      expect(log).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
  });
});
