/**
 * The parts of the chat page that load on demand (the code highlighter and its grammars, the
 * settings form, the search dialog, the import/export dialog, the send/stream code, the message
 * parts few messages show, the virtualised list) must work the first time they are used on a
 * freshly loaded page: every test starts from a new page with an empty cache.
 */
import { expect, type Page, test } from "@playwright/test";
import { importViaApi, openDataDialog, parleyExport, uniqueWord } from "./data-helpers";
import { assistant, gotoHydrated, MODEL_4, openChat } from "./helpers";

const HASKELL = [
  "module Main where",
  "",
  "import Data.List (sort)",
  "",
  "main :: IO ()",
  "main = print (sort [3, 1, 2])",
].join("\n");

/**
 * Records each code block's height when it first appears (plain, before its grammar has loaded),
 * so a test can check that highlighting did not change the block's size (no layout shift).
 */
const RECORD_PLAIN_HEIGHTS = `(() => {
  const heights = (window.__plainHeights = new Map());
  const seen = (root) => {
    if (!(root instanceof Element)) return;
    const blocks = root.matches('[data-testid="code-block"]') ? [root] : root.querySelectorAll('[data-testid="code-block"]');
    for (const b of blocks) {
      if (b.getAttribute("data-highlighted") === "false" && !heights.has(b.textContent)) {
        heights.set(b.textContent, b.getBoundingClientRect().height);
      }
    }
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) seen(n);
  }).observe(document, { subtree: true, childList: true });
})();`;

/** A saved conversation whose answer has a code block in a language few answers use. */
async function conversationWithHaskell(page: Page, word: string): Promise<string> {
  const answer = `Here it is, ${word}:\n\n\`\`\`haskell\n${HASKELL}\n\`\`\`\n\nIt prints the sorted list.`;
  const { conversations } = await importViaApi(
    page.request,
    parleyExport(`Lazy parts ${word}`, [{ user: `Sort a list in Haskell, ${word}`, assistant: answer }]),
  );
  return conversations[0]!.id;
}

/** The chat page has hydrated once the model picker shows the remembered model. */
async function openConversation(page: Page, id: string): Promise<void> {
  await gotoHydrated(page, `/c/${id}`);
  await expect(page.getByTestId("message")).toHaveCount(2);
  await expect(page.getByTestId("model-picker")).toHaveValue(/.+/);
}

test.describe("parts loaded on demand", () => {
  test("a code block in a rarely used language is highlighted, at the size it had plain", async ({
    page,
  }) => {
    await page.addInitScript({ content: RECORD_PLAIN_HEIGHTS });
    const id = await conversationWithHaskell(page, uniqueWord());
    await openConversation(page, id);
    const block = page.getByTestId("code-block").filter({ hasText: "module Main where" });
    await expect(block).toHaveAttribute("data-highlighted", "true");
    await expect(block).toContainText("haskell");
    // highlight.js's Haskell grammar marks `module`, `where` and `import` as keywords.
    await expect(block.locator(".hljs-keyword").filter({ hasText: /^module$/ })).toHaveCount(1);
    await expect(block.locator(".hljs-keyword").filter({ hasText: /^import$/ })).toHaveCount(1);
    expect(await block.locator("code").textContent()).toBe(HASKELL);
    const [plain, highlighted] = await block.evaluate((el) => [
      (window as unknown as { __plainHeights: Map<string | null, number> }).__plainHeights.get(
        el.textContent,
      ),
      el.getBoundingClientRect().height,
    ]);
    expect(plain, "the block was on screen before its grammar loaded").toBeGreaterThan(0);
    expect(highlighted).toBe(plain);
  });

  test("the settings panel opens with its fields, and a change sticks", async ({ page }) => {
    const id = await conversationWithHaskell(page, uniqueWord());
    await openConversation(page, id);
    await page.getByTestId("settings-toggle").click();
    const panel = page.getByTestId("settings-panel");
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId("setting-max_tokens")).toBeVisible();
    await panel.getByTestId("setting-system").fill("Answer in one line.");
    await panel.getByRole("button", { name: "Close settings" }).click();
    await expect(panel).toBeHidden();
    await page.getByTestId("settings-toggle").click();
    await expect(page.getByTestId("setting-system")).toHaveValue("Answer in one line.");
    await page.getByTestId("setting-system").press("Escape");
    await expect(page.getByTestId("settings-panel")).toBeHidden();
  });

  test("Ctrl/Cmd+K opens search on a fresh page and finds the conversation", async ({ page }) => {
    const word = uniqueWord();
    const id = await conversationWithHaskell(page, word);
    await openConversation(page, id);
    await page.keyboard.press("ControlOrMeta+k");
    await expect(page.getByTestId("search-dialog")).toBeVisible();
    await expect(page.getByTestId("search-input")).toBeFocused();
    await page.getByTestId("search-input").fill(word);
    await expect(page.getByTestId("search-result").filter({ hasText: `Lazy parts ${word}` })).not.toHaveCount(
      0,
    );
    await page.keyboard.press("ControlOrMeta+k");
    await expect(page.getByTestId("search-dialog")).toBeHidden();
  });

  test("the import/export dialog offers this conversation's export and imports a file", async ({ page }) => {
    const id = await conversationWithHaskell(page, uniqueWord());
    await openConversation(page, id);
    await openDataDialog(page);
    await expect(page.getByTestId("export-markdown")).toBeVisible();
    const word = uniqueWord();
    const file = parleyExport(`Imported ${word}`, [{ user: "Hello", assistant: `Hi, ${word}.` }]);
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByTestId("import-button").click(),
    ]);
    await chooser.setFiles({
      name: "parley.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const status = page.getByTestId("import-status");
    await expect(status).toHaveAttribute("data-state", "success");
    await expect(status.getByTestId("import-result-link")).toHaveText(`Imported ${word}`);
  });

  test("a message typed and sent at once on a fresh page streams its answer", async ({ page }) => {
    await gotoHydrated(page, "/");
    const input = page.getByTestId("composer-input");
    await input.fill("Say hello [pace:chunk=20]");
    await input.press("Enter");
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toContainText("Say hello");
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(answer.getByTestId("message-footer")).toContainText("out");
    await expect(input).toHaveValue("");
    await expect(page).toHaveURL(/\/c\/[^/?]+$/);
  });

  test("a send before the send/stream code has arrived waits for it, then streams", async ({ page }) => {
    // Every script the HTML does not name (the code that loads on demand) arrives 1.5 s late.
    let html = "";
    await page.route("**/_next/static/chunks/**", async (route) => {
      if (!html.includes(new URL(route.request().url()).pathname)) {
        await new Promise((r) => setTimeout(r, 1500));
      }
      await route.continue();
    });
    page.on("response", async (r) => {
      if (r.request().resourceType() === "document") html = await r.text().catch(() => "");
    });
    await gotoHydrated(page, "/");
    expect(html).toContain("/_next/static/chunks/");
    const input = page.getByTestId("composer-input");
    await input.fill("Say hello");
    await input.press("Enter");
    await input.press("Enter"); // a second Enter while the first send waits is not a second send
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveCount(1);
    await expect(page.getByTestId("message")).toHaveCount(2);
  });

  test("a saved answer with a tool call is drawn by the server and stays through hydration", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    await page.getByTestId("composer-input").fill("What's the weather in Paris?");
    await page.getByTestId("composer-input").press("Enter");
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page).toHaveURL(/\/c\/[^/?]+$/);
    const html = await (await page.request.get(page.url())).text();
    expect(html).toContain('data-testid="tool-call"');
    // From the server's HTML to the browser's list, no frame is painted without the card.
    await page.addInitScript(() => {
      const w = window as unknown as { __framesWithoutCard: number };
      w.__framesWithoutCard = 0;
      let seen = false;
      const check = () => {
        const card = document.querySelector('[data-testid="tool-call"]');
        if (card) seen = true;
        else if (seen) w.__framesWithoutCard++;
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await page.reload();
    await expect(page.locator('[data-testid="message-list"][data-hydrated]')).toHaveCount(1);
    const card = assistant(page).getByTestId("tool-call");
    await expect(card).toHaveAttribute("data-status", "done");
    await expect(card.getByTestId("weather-summary")).toContainText("18.5");
    const gaps = await page.evaluate(
      () => (window as unknown as { __framesWithoutCard: number }).__framesWithoutCard,
    );
    expect(gaps).toBe(0);
  });
});
