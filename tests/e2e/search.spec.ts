import { expect, type Page, test } from "@playwright/test";
import { importViaApi, openSearchFromSidebar, parleyExport, uniqueWord } from "./data-helpers";
import { assistant, openChat, send } from "./helpers";

/** The search results list, and the one result whose title contains `title`. */
const results = (page: Page) => page.getByTestId("search-result");

async function search(page: Page, query: string): Promise<void> {
  // The server-drawn page is on screen before the shortcut's listener is attached.
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.keyboard.press("ControlOrMeta+k");
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  await page.getByTestId("search-input").fill(query);
}

/** The message a result points at must be on screen and highlighted. */
async function expectRevealed(page: Page, messageId: string): Promise<void> {
  const message = page.locator(`[data-testid="message"][data-message-id="${messageId}"]`);
  await expect(message).toHaveAttribute("data-search-target", "true");
  await expect(message).toBeInViewport();
}

test.describe("search", () => {
  test("finds a word that appeared only in an answer and opens the conversation at it", async ({ page }) => {
    test.slow(); // a whole streamed demo answer, then a search and a second page
    const word = uniqueWord();
    await openChat(page);
    await send(page, `Tell me about ${word}`);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    // The demo gateway signs every answer "emulating <model>": that word is in the answer only.
    await expect(assistant(page)).toContainText("emulating");
    await expect(page).toHaveURL(/\/c\/[^/?]+$/);
    const conversationUrl = page.url();
    // The turn is saved when the stream ends; wait for the server to have it, not for a time.
    await expect
      .poll(async () => (await (await page.request.get(`/api/search?q=${word}+emulating`)).json()).results)
      .toHaveLength(1);

    await page.getByTestId("new-chat").click();
    await expect(page).toHaveURL(/\/$/);
    await search(page, `${word} emulating`);
    await expect(results(page)).toHaveCount(1);
    const hit = results(page).first();
    await expect(hit).toContainText("Assistant");
    await expect(hit.locator("mark").filter({ hasText: /^emulating$/ })).toHaveCount(1);
    await expect(hit.locator("mark").filter({ hasText: word })).not.toHaveCount(0);
    const messageId = (await hit.getAttribute("data-result-message"))!;

    await page.getByTestId("search-input").press("Enter");
    await expect(page.getByTestId("search-dialog")).toBeHidden();
    await expect(page).toHaveURL(`${conversationUrl}?m=${messageId}`);
    await expectRevealed(page, messageId);
    await expect(page.locator(`[data-message-id="${messageId}"]`)).toHaveAttribute("data-role", "assistant");
    // The highlight is brief: it goes away by itself.
    await expect(page.locator(`[data-message-id="${messageId}"]`)).not.toHaveAttribute(
      "data-search-target",
      /./,
    );
  });

  test("arrows pick among ranked results; Enter scrolls a long conversation to that message", async ({
    page,
  }) => {
    const word = uniqueWord();
    // 30 turns; the word is in two answers only: turn 2 (far above the latest) and turn 25.
    const turns = Array.from({ length: 30 }, (_, i) => ({
      user: `Question number ${i + 1}, please answer at some length.`,
      assistant: `${i === 2 || i === 25 ? `The ${word} matters here. ` : ""}Answer number ${i + 1}. ${"Filler sentence for height. ".repeat(12)}`,
    }));
    // Titles here leave the word out: a title match is a result of its own.
    await importViaApi(page.request, parleyExport("A long conversation", turns));

    await page.goto("/");
    await search(page, word);
    await expect(results(page)).toHaveCount(2);
    // Equal rank: the newer message first.
    await expect(results(page).nth(0)).toContainText("Answer number 26");
    await expect(results(page).nth(1)).toContainText("Answer number 3");
    await expect(results(page).nth(0)).toHaveAttribute("aria-selected", "true");
    const input = page.getByTestId("search-input");
    await input.press("ArrowDown");
    await expect(results(page).nth(1)).toHaveAttribute("aria-selected", "true");
    await input.press("ArrowDown"); // wraps to the top
    await expect(results(page).nth(0)).toHaveAttribute("aria-selected", "true");
    await input.press("ArrowUp"); // and back round to the bottom
    await expect(results(page).nth(1)).toHaveAttribute("aria-selected", "true");
    const messageId = (await results(page).nth(1).getAttribute("data-result-message"))!;
    await input.press("Enter");

    await expect(page).toHaveURL(new RegExp(`/c/[^/?]+\\?m=${messageId}$`));
    await expectRevealed(page, messageId);
    await expect(page.locator(`[data-message-id="${messageId}"]`)).toContainText("Answer number 3.");
    // It scrolled up to it: the latest answer is out of view.
    await expect(page.getByText("Answer number 30.")).not.toBeInViewport();
  });

  test("a hit on another branch switches the conversation to that branch", async ({ page }) => {
    const word = uniqueWord();
    const file = parleyExport("Two versions of a question", [
      { user: "First version of the question", assistant: "The answer on screen." },
    ]);
    const [conv] = file.conversations;
    // An edited question (a second root) whose answer holds the word; the first branch is shown.
    conv!.messages.push(
      {
        id: "u0b",
        parentId: null,
        role: "user",
        parts: [{ type: "text", text: "Second version of the question" }],
        createdAt: "2025-01-01T11:00:00.000Z",
      },
      {
        id: "a0b",
        parentId: "u0b",
        role: "assistant",
        parts: [{ type: "text", text: `Only this branch mentions ${word}.` }],
        model: "anthropic/claude-sonnet-4",
        status: "done",
        createdAt: "2025-01-01T11:01:00.000Z",
      },
    );
    conv!.currentLeafId = "a0";
    const { conversations } = await importViaApi(page.request, file);

    await page.goto(`/c/${conversations[0]!.id}`);
    await expect(page.getByText("The answer on screen.")).toBeVisible();
    await search(page, word);
    await expect(results(page)).toHaveCount(1);
    const messageId = (await results(page).first().getAttribute("data-result-message"))!;
    await page.getByTestId("search-input").press("Enter");

    await expectRevealed(page, messageId);
    await expect(page.getByText(`Only this branch mentions ${word}.`)).toBeVisible();
    await expect(page.getByText("Second version of the question")).toBeVisible();
    await expect(page.getByText("The answer on screen.")).toHaveCount(0);
  });

  test("snippets mark the matches and show message text as text, never as HTML", async ({ page }) => {
    const word = uniqueWord();
    const html = `<img src="x" onerror="window.__xss = 1"><b>bold</b> ${word}`;
    await importViaApi(
      page.request,
      parleyExport(`Markup ${word}`, [{ user: "Show me some markup", assistant: html }]),
    );
    await page.goto("/");
    await search(page, word);
    const snippet = results(page).filter({ hasText: "Assistant" }).getByTestId("search-result-snippet");
    // ts_headline may start the snippet a few words in; what it shows is the text as written.
    await expect(snippet).toContainText('onerror="window.__xss = 1"><b>bold</b>');
    await expect(snippet.locator("mark")).toHaveText([word]);
    await expect(snippet.locator("img, b")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test("the sidebar button and Ctrl/Cmd+K open search; Escape and the shortcut close it", async ({
    page,
  }) => {
    await page.goto("/");
    const composer = page.getByTestId("composer-input");
    await openSearchFromSidebar(page);
    await page.getByTestId("search-input").fill("anything");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("search-dialog")).toBeHidden();

    await composer.click();
    await page.keyboard.press("ControlOrMeta+k");
    await expect(page.getByTestId("search-input")).toBeFocused();
    // A new opening starts empty.
    await expect(page.getByTestId("search-input")).toHaveValue("");
    await page.keyboard.press("ControlOrMeta+k");
    await expect(page.getByTestId("search-dialog")).toBeHidden();
    await expect(composer).toBeFocused();

    await search(page, uniqueWord());
    await expect(page.getByTestId("search-status")).toContainText("No matches");
    await expect(results(page)).toHaveCount(0);
  });
});
