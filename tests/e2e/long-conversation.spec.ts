import { expect, type Locator, type Page, test } from "@playwright/test";
import { longConversationExport } from "../support/long-conversation";
import { assistant, send } from "./helpers";

/**
 * A conversation of 2,000 messages (imported as a Parley export) opens at its latest message,
 * keeps only the messages near the view mounted, and loads older ones as the user scrolls up,
 * without moving what the user is reading.
 */
const COUNT = 2000;
let conversationId: string;

test.beforeAll(async ({ request }) => {
  const res = await request.post("/api/import", { data: longConversationExport(COUNT) });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { conversations: { id: string }[]; messages: number };
  expect(body.messages).toBe(COUNT);
  conversationId = body.conversations[0]!.id;
});

const messages = (page: Page) => page.locator('[data-testid="message"]');
const messageNo = (page: Page, n: number): Locator =>
  messages(page).filter({ hasText: new RegExp(`^Message #${n}[:.]`) });

/** The numbers of the mounted messages, in DOM order. */
async function mountedNumbers(page: Page): Promise<number[]> {
  return messages(page).evaluateAll((els) =>
    els.map((el) => Number(/Message #(\d+)/.exec(el.textContent ?? "")?.[1] ?? Number.NaN)),
  );
}

/** The message at the top of the view and its distance from the list's top edge (null: none drawn yet). */
async function topVisible(page: Page): Promise<{ n: number; offset: number } | null> {
  return page.getByTestId("message-list").evaluate((list) => {
    const box = list.getBoundingClientRect();
    const first = [...list.querySelectorAll('[data-testid="message"]')]
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.bottom > box.top && rect.top < box.bottom)
      .sort((a, b) => a.rect.top - b.rect.top)[0];
    if (!first) return null;
    return {
      n: Number(/Message #(\d+)/.exec(first.el.textContent ?? "")?.[1]),
      offset: first.rect.top - box.top,
    };
  });
}

async function openLong(page: Page): Promise<void> {
  await page.goto(`/c/${conversationId}`);
  await expect(messageNo(page, COUNT)).toBeInViewport();
  // The server's HTML shows it before the browser has taken over: wait for that before scrolling.
  await expect(page.locator('[data-testid="message-list"][data-hydrated]')).toHaveCount(1);
}

test("opens at the latest message with only nearby messages mounted", async ({ page }) => {
  const older: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/messages?before=")) older.push(r.url());
  });
  // Notes, at the first frame that draws any message (a visible one), whether the latest one is in view.
  await page.addInitScript((last) => {
    const w = window as unknown as { __firstFrame?: boolean };
    const tick = () => {
      const all = [...document.querySelectorAll('[data-testid="message"]')].filter(
        (el) => getComputedStyle(el).visibility !== "hidden",
      );
      if (all.length === 0) return requestAnimationFrame(tick);
      w.__firstFrame = all.some((el) => {
        const r = el.getBoundingClientRect();
        return (el.textContent ?? "").startsWith(last) && r.top < innerHeight && r.bottom > 0;
      });
    };
    requestAnimationFrame(tick);
  }, `Message #${COUNT}.`);
  await openLong(page);
  expect(await page.evaluate(() => (window as unknown as { __firstFrame?: boolean }).__firstFrame)).toBe(
    true,
  );
  await expect(page.getByTestId("jump-to-latest")).toBeHidden();
  const mounted = await messages(page).count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThan(100);
  // Opening at the bottom must not fetch history nobody asked for.
  expect(older).toEqual([]);
});

test("scrolling up loads older messages and keeps the reading position", async ({ page }) => {
  // Each older page waits here until the test has noted what is on screen.
  const held: (() => void)[] = [];
  await page.route(/\/messages\?before=/, async (route) => {
    await new Promise<void>((resolve) => held.push(resolve));
    await route.continue();
  });
  await openLong(page);
  const list = page.getByTestId("message-list");
  let oldest = COUNT;
  for (let round = 0; round < 4; round++) {
    await list.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(() => held.length).toBe(1);
    await expect(page.getByTestId("older-messages-loading")).toBeVisible();
    // At the top, the oldest message loaded so far is drawn first.
    await expect
      .poll(async () => (await topVisible(page))?.n === Math.min(...(await mountedNumbers(page))))
      .toBe(true);
    const before = (await topVisible(page))!;
    expect(before.n).toBeLessThan(oldest);
    held.shift()!();
    // Older messages arrive above it.
    await expect.poll(async () => Math.min(...(await mountedNumbers(page)))).toBeLessThan(before.n);
    await expect(page.getByTestId("older-messages-loading")).toBeHidden();
    // The message that was at the top is still there, where it was.
    const anchor = messageNo(page, before.n);
    await expect(anchor).toBeInViewport();
    const after = await anchor.evaluate(
      (el, listEl) => el.getBoundingClientRect().top - (listEl as Element).getBoundingClientRect().top,
      await list.elementHandle(),
    );
    expect(Math.abs(after - before.offset)).toBeLessThan(4);
    oldest = before.n;
    expect(await messages(page).count()).toBeLessThan(100);
  }
  await expect(page.getByTestId("jump-to-latest")).toBeVisible();
  await page.getByTestId("jump-to-latest").click();
  await expect(messageNo(page, COUNT)).toBeInViewport();
  await expect(page.getByTestId("jump-to-latest")).toBeHidden();
});

test("scrolling up reaches the first message", async ({ page }) => {
  test.setTimeout(90_000);
  let pages = 0;
  page.on("response", (r) => {
    if (r.url().includes("/messages?before=")) pages += 1;
  });
  await openLong(page);
  const list = page.getByTestId("message-list");
  const first = messageNo(page, 1);
  // 2,000 messages, 50 on open and 50 a page: 39 pages above.
  while ((await first.count()) === 0) {
    const seen = pages;
    await list.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(async () => pages > seen || (await first.count()) > 0).toBe(true);
    await expect(page.getByTestId("older-messages-loading")).toBeHidden();
    expect(pages).toBeLessThanOrEqual(39);
  }
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(first).toBeInViewport();
  expect(await messages(page).count()).toBeLessThan(100);
});

test("a new answer streams in at the end and is followed until the user scrolls up", async ({ page }) => {
  await openLong(page);
  const list = page.getByTestId("message-list");
  const fromBottom = () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  await send(page, "Tell me more [long:600] [pace:first=0,chunk=20,size=8]");
  const answer = assistant(page);
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(answer).toContainText(/\w{3,}/);
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(300); // let the answer grow between looks; not a synchronisation
    expect(await fromBottom()).toBeLessThan(48);
  }
  await list.hover();
  await page.mouse.wheel(0, -1200);
  await expect(page.getByTestId("jump-to-latest")).toBeVisible();
  const readingAt = await list.evaluate((el) => el.scrollTop);
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  // The answer grew below the reader, who stayed where they were.
  expect(Math.abs((await list.evaluate((el) => el.scrollTop)) - readingAt)).toBeLessThan(2);
  await page.getByTestId("jump-to-latest").click();
  await expect.poll(fromBottom).toBeLessThan(48);
  await expect(page.getByTestId("jump-to-latest")).toBeHidden();
});
