import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { importViaApi, parleyExport, uniqueWord } from "./data-helpers";
import { assistant, MODEL_4, openChat, send } from "./helpers";

/**
 * `/` and `/c/<id>` come from the server with the sidebar's conversations and the open
 * conversation's latest messages in the HTML, and the browser takes over without asking for them
 * again (no /api/conversations, no /api/config after load).
 */

type Imported = { id: string; title: string; lastAnswer: string; firstQuestion: string };

/** A conversation of 30 turns (60 messages: more than the 50 the server renders). */
async function importConversation(page: Page): Promise<Imported> {
  const word = uniqueWord("fp");
  const title = `First paint ${word}`;
  const turns = Array.from({ length: 30 }, (_, i) => ({
    user: `Question ${i} about ${word}`,
    assistant: `Answer ${i} about ${word}`,
  }));
  const result = await importViaApi(page.request, parleyExport(title, turns));
  return {
    id: result.conversations[0]!.id,
    title,
    lastAnswer: `Answer 29 about ${word}`,
    firstQuestion: `Question 0 about ${word}`,
  };
}

/** Requests the page makes for data the server already rendered. */
function recordDataRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/api/conversations") || pathname === "/api/config") seen.push(r.url());
  });
  return seen;
}

/** React's (production, minified) hydration mismatch reports: #418 and its kin. */
const HYDRATION_ERROR = /hydrat|react\.dev\/errors\/4(18|19|21|22|23|25)\b/i;

/** Hydration mismatches (on one, React throws the server's HTML away and renders again). */
function recordHydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && HYDRATION_ERROR.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (HYDRATION_ERROR.test(e.message)) errors.push(e.message);
  });
  return errors;
}

const sidebarRow = (page: Page, title: string) =>
  page.getByTestId("sidebar").getByTestId("conversation-item").filter({ hasText: title });
const message = (page: Page, text: string) =>
  page.locator('[data-testid="message"]').filter({ hasText: text });

/** Hydrated: the virtualised list has replaced the server's plain list. */
async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="message-list"][data-hydrated]')).toHaveCount(1);
}

test.describe("first paint from the server", () => {
  test.describe.configure({ timeout: 60_000 });

  test("the HTML of / and /c/<id> holds the sidebar's titles and the latest message", async ({ page }) => {
    const c = await importConversation(page);
    const home = await (await page.request.get("/")).text();
    expect(home).toContain(c.title);
    const open = await (await page.request.get(`/c/${c.id}`)).text();
    expect(open).toContain(c.title);
    expect(open).toContain(c.lastAnswer);
    // The latest page only, and of it what fills a screen: not the whole conversation.
    expect(open).not.toContain(c.firstQuestion);
  });

  test("without JavaScript the conversation shows its latest message and the sidebar its list", async ({
    browser,
    page,
  }) => {
    const c = await importConversation(page);
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const noJs = await context.newPage();
      await noJs.goto(`/c/${c.id}`);
      await expect(message(noJs, c.lastAnswer)).toBeInViewport();
      await expect(sidebarRow(noJs, c.title)).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("the browser takes over without refetching, and moves between conversations without the API", async ({
    page,
  }) => {
    const a = await importConversation(page);
    const b = await importConversation(page);
    const requests = recordDataRequests(page);
    const mismatches = recordHydrationErrors(page);
    await page.goto(`/c/${a.id}`);
    await expect(message(page, a.lastAnswer)).toBeInViewport();
    await hydrated(page);
    await expect(message(page, a.lastAnswer)).toBeInViewport();
    await expect(sidebarRow(page, a.title).getByRole("link")).toHaveAttribute("aria-current", "page");

    // To another conversation, to a new chat, and back: each from the server's render of the page.
    await sidebarRow(page, b.title).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/c/${b.id}$`));
    await expect(message(page, b.lastAnswer)).toBeInViewport();
    await expect(message(page, a.lastAnswer)).toHaveCount(0);
    await page.getByTestId("new-chat").click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('[data-testid="message"]')).toHaveCount(0);
    await page.goBack();
    await expect(message(page, b.lastAnswer)).toBeInViewport();

    await page.goto("/");
    await expect(sidebarRow(page, a.title)).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(requests).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  test("the latest message stays where the server's HTML put it when the browser takes over", async ({
    page,
  }) => {
    const c = await importConversation(page);
    // The bottom of the last message in the first frame that draws it (the server's HTML).
    await page.addInitScript((last) => {
      const w = window as unknown as { __firstBottom?: number };
      const tick = () => {
        const el = [...document.querySelectorAll('[data-testid="message"]')].at(-1);
        // Drawn: in the DOM with its text, and not hidden (the server's messages stay invisible
        // until the chat column's HTML has been parsed to its end).
        if (!el || !(el.textContent ?? "").includes(last) || getComputedStyle(el).visibility === "hidden")
          return requestAnimationFrame(tick);
        w.__firstBottom = el.getBoundingClientRect().bottom;
      };
      requestAnimationFrame(tick);
    }, c.lastAnswer);
    await page.goto(`/c/${c.id}`);
    await hydrated(page);
    const first = await page.evaluate(() => (window as unknown as { __firstBottom?: number }).__firstBottom);
    expect(first).toBeDefined();
    // Settles where the server's HTML drew it (one frame may differ while fresh nodes lay out).
    await expect
      .poll(() => message(page, c.lastAnswer).evaluate((el) => el.getBoundingClientRect().bottom))
      .toBeCloseTo(first!, 0);
  });

  test("an unknown or malformed id shows the not-found state, and the composer starts a new chat", async ({
    page,
  }) => {
    const mismatches = recordHydrationErrors(page);
    for (const id of [randomUUID(), "not-a-uuid"]) {
      await page.goto(`/c/${id}`);
      await expect(page.getByTestId("conversation-missing")).toBeVisible();
    }
    expect(mismatches).toEqual([]);
  });

  test("the first turn's URL change renders nothing on the server", async ({ page }) => {
    await openChat(page, MODEL_4);
    const serverRenders: string[] = [];
    page.on("request", (r) => {
      const headers = r.headers();
      // A prefetch of a sidebar link is not a render of this page.
      if (headers["next-router-prefetch"]) return;
      if (headers.rsc || r.url().includes("_rsc=") || r.resourceType() === "document") {
        serverRenders.push(r.url());
      }
    });
    await send(page, `Say hello ${randomUUID().slice(0, 8)} [long:400] [pace:chunk=15]`);
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    await expect(assistant(page)).toHaveAttribute("data-status", "streaming");
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 30_000 });
    expect(serverRenders).toEqual([]);
  });
});
