/**
 * Helpers for the search and import/export specs: unique words (the e2e server's database is
 * shared by every spec, so each test searches for words only it wrote), Parley export files built
 * by hand, and the sidebar's search and import/export entry points.
 */
import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** A made-up word the English stemmer leaves alone (letters only, ends in "x"). */
export function uniqueWord(prefix = "zq"): string {
  const letters = "bcdfghjklmnpqrstvwz";
  let word = prefix;
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return `${word}x`;
}

type Turn = { user: string; assistant: string };

/**
 * A Parley export holding one conversation of `turns`, oldest first, one minute apart (so the
 * order, and which messages are off screen, is fixed).
 */
export function parleyExport(title: string, turns: Turn[]) {
  const start = Date.parse("2025-01-01T10:00:00Z");
  const at = (i: number) => new Date(start + i * 60_000).toISOString();
  const messages = turns.flatMap((t, i) => [
    {
      id: `u${i}`,
      parentId: i === 0 ? null : `a${i - 1}`,
      role: "user",
      parts: [{ type: "text", text: t.user }],
      createdAt: at(2 * i),
    },
    {
      id: `a${i}`,
      parentId: `u${i}`,
      role: "assistant",
      parts: [{ type: "text", text: t.assistant }],
      model: "anthropic/claude-sonnet-4",
      status: "done",
      createdAt: at(2 * i + 1),
    },
  ]);
  return {
    format: "parley.export",
    version: 1,
    conversations: [
      {
        id: "c1",
        title,
        model: "anthropic/claude-sonnet-4",
        createdAt: at(0),
        updatedAt: new Date().toISOString(),
        currentLeafId: messages.at(-1)!.id,
        messages,
      },
    ],
  };
}

export type ImportResult = {
  conversations: { id: string; title: string }[];
  messages: number;
  skipped: { title: string; reason: string }[];
};

/** Imports through the API (setup for tests whose subject is not the import itself). */
export async function importViaApi(request: APIRequestContext, file: unknown): Promise<ImportResult> {
  const res = await request.post("/api/import", { data: file });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ImportResult;
}

/** Every conversation the server has for the local user (archived ones too). */
export async function exportedTitles(request: APIRequestContext): Promise<string[]> {
  const res = await request.get("/api/export");
  expect(res.ok()).toBe(true);
  const data = (await res.json()) as { conversations: { title: string }[] };
  return data.conversations.map((c) => c.title);
}

export async function openSearchFromSidebar(page: Page): Promise<void> {
  // The server-drawn page is on screen before its buttons answer clicks.
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.getByTestId("sidebar").getByTestId("open-search").click();
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  await expect(page.getByTestId("search-input")).toBeFocused();
}

export async function openDataDialog(page: Page): Promise<void> {
  // The server-drawn page is on screen before its buttons answer clicks.
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.getByTestId("sidebar").getByTestId("open-data").click();
  await expect(page.getByTestId("data-dialog")).toBeVisible();
}
