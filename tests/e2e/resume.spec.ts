import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send } from "./helpers";

/**
 * The answer belongs to the server: a reload, a second tab or a dropped connection picks it up from
 * the last event it showed, and ends with exactly the text an uninterrupted reader got.
 */

const answerText = (page: Page) =>
  assistant(page)
    .locator('[data-slot="markdown"]')
    .first()
    .textContent()
    .then((t) => t ?? "");

async function storedAnswer(page: Page): Promise<string> {
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  const detail = await (await page.request.get(`/api/conversations/${id}`)).json();
  const last = detail.messages.at(-1);
  return last.parts
    .filter((p: { type: string }) => p.type === "text")
    .map((p: { text: string }) => p.text)
    .join("");
}

async function uninterrupted(page: Page, prompt: string): Promise<{ shown: string; stored: string }> {
  await openChat(page, MODEL_4);
  await send(page, prompt);
  await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  return { shown: await answerText(page), stored: await storedAnswer(page) };
}

async function waitForText(page: Page, atLeast: number): Promise<void> {
  await expect.poll(async () => (await assistant(page).textContent())?.length ?? 0).toBeGreaterThan(atLeast);
}

test.describe("answers that outlive the tab", () => {
  test.describe.configure({ timeout: 90_000 });

  test("reload mid-answer: the answer carries on, and ends identical to an uninterrupted run", async ({
    page,
  }) => {
    const prompt = `Tell me a story ${randomUUID().slice(0, 8)} [long:1500] [pace:chunk=15]`;
    const reference = await uninterrupted(page, prompt);

    await openChat(page, MODEL_4);
    await send(page, prompt);
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    await waitForText(page, 300);
    await page.reload();
    // The saved snapshot shows at once, still streaming, and keeps growing.
    await expect(assistant(page)).toHaveAttribute("data-status", "streaming");
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 30_000 });
    expect(await answerText(page)).toBe(reference.shown);
    expect(await storedAnswer(page)).toBe(reference.stored);
  });

  test("a dropped connection reconnects by itself and loses no word", async ({ page, context }) => {
    const prompt = `Explain rivers ${randomUUID().slice(0, 8)} [long:1500] [pace:chunk=15]`;
    const reference = await uninterrupted(page, prompt);

    await openChat(page, MODEL_4);
    await send(page, prompt);
    await waitForText(page, 300);
    await context.setOffline(true);
    await expect(assistant(page)).toHaveAttribute("data-status", "streaming");
    await context.setOffline(false);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 30_000 });
    expect(await answerText(page)).toBe(reference.shown);
  });

  test("two tabs show the same live answer, and Stop in the second stops both", async ({ context }) => {
    const first = await context.newPage();
    await openChat(first, MODEL_4);
    await send(first, `A long tale ${randomUUID().slice(0, 8)} [long:4000] [pace:chunk=20]`);
    await expect(first).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    await waitForText(first, 200);

    const second = await context.newPage();
    await second.goto(first.url());
    await expect(assistant(second)).toHaveAttribute("data-status", "streaming");
    await waitForText(second, 400);
    await second.getByTestId("stop-button").click();
    for (const tab of [first, second]) {
      await expect(assistant(tab)).toHaveAttribute("data-status", "stopped");
      await expect(tab.getByTestId("send-button")).toBeVisible();
    }
    await expect.poll(() => answerText(first)).toBe(await answerText(second));
    // What both tabs show is what the server kept.
    const id = new URL(first.url()).pathname.split("/").at(-1)!;
    const detail = await (await first.request.get(`/api/conversations/${id}`)).json();
    expect(detail.messages.at(-1).status).toBe("stopped");
    await first.reload();
    await expect(assistant(first)).toHaveAttribute("data-status", "stopped");
    expect(await answerText(first)).toBe(await answerText(second));
  });

  test("a tab already open on the conversation catches up when it is shown again, and follows the answer live", async ({
    context,
  }) => {
    const first = await context.newPage();
    await openChat(first, MODEL_4);
    await send(first, `Opening words ${randomUUID().slice(0, 8)}`);
    await expect(assistant(first)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    const second = await context.newPage();
    await second.goto(first.url());
    await expect(second.getByTestId("message")).toHaveCount(2);

    await first.bringToFront();
    await send(first, `Now a long one ${randomUUID().slice(0, 8)} [long:3000] [pace:chunk=20]`);
    await waitForText(first, 200);
    // The person switches back to the second tab.
    await second.bringToFront();
    await second.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect(second.getByTestId("message")).toHaveCount(4);
    await expect(assistant(second)).toHaveAttribute("data-status", "streaming");
    await waitForText(second, 400);
    await first.getByTestId("stop-button").click();
    await expect(assistant(second)).toHaveAttribute("data-status", "stopped");
    await expect.poll(() => answerText(second)).toBe(await answerText(first));
  });

  test("Continue carries a cut answer on into the same message", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, `Describe the sea ${randomUUID().slice(0, 8)} [fault:cut*1]`);
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "error", { timeout: 20_000 });
    await expect(answer.getByTestId("message-error")).toHaveAttribute("data-code", "stream_cut");
    const partial = (await answerText(page)).trimEnd();
    await answer.getByTestId("continue-answer").click();
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(answer.getByTestId("message-error")).toHaveCount(0);
    await expect(page.getByTestId("message")).toHaveCount(2);
    const full = await answerText(page);
    expect(full.length).toBeGreaterThan(partial.length);
    expect(full.startsWith(partial.slice(0, 40))).toBe(true);
    await page.reload();
    await expect(assistant(page)).toHaveAttribute("data-status", "done");
    expect(await answerText(page)).toBe(full);
  });
});
