import { expect, test } from "@playwright/test";
import { assistant, growth, MODEL_4, openChat, recordGrowth, send } from "./helpers";

test.describe("streaming answers", () => {
  test("an answer streams in: the text grows over time, then renders as markdown", async ({ page }) => {
    await openChat(page, MODEL_4);
    await recordGrowth(page);
    await send(page, "Explain event sourcing briefly [pace:chunk=25]");
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "streaming");
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    const lengths = await growth(page);
    // Many distinct, increasing sizes while streaming: it arrived in pieces, not all at once.
    expect(lengths.length).toBeGreaterThan(5);
    expect(lengths.at(-1)!).toBeGreaterThan(lengths[0]! + 100);
    // The demo answer holds every block kind the renderer supports.
    await expect(answer.locator("h1, h2, h3").first()).toBeVisible();
    await expect(answer.locator("table")).toBeVisible();
    await expect(answer.locator("ul, ol").first()).toBeVisible();
    await expect(answer.getByTestId("code-block").first()).toHaveAttribute("data-highlighted", "true");
    const link = answer.locator("a[href]").first();
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(link).toHaveAttribute("href", /^https?:|^mailto:/);
    // The user message and the footer.
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toContainText("event sourcing");
    await expect(answer.getByTestId("message-footer")).toContainText("out");
    await expect(answer.getByTestId("footer-ttft")).toBeVisible();
  });

  test("Shift+Enter breaks the line, Enter sends", async ({ page }) => {
    await openChat(page, MODEL_4);
    const input = page.getByTestId("composer-input");
    await input.fill("first line");
    await input.press("Shift+Enter");
    await input.pressSequentially("second line");
    await expect(input).toHaveValue("first line\nsecond line");
    await expect(page.getByTestId("message")).toHaveCount(0);
    await input.press("Enter");
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toContainText("second line");
    await expect(input).toHaveValue("");
  });

  test("Stop keeps the partial answer, marked stopped, within 200 ms", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, "Tell me a long story [long:3000] [pace:chunk=20]");
    const answer = assistant(page);
    await expect.poll(async () => (await answer.textContent())?.length ?? 0).toBeGreaterThan(200);
    const elapsed = await page.evaluate(async () => {
      const msgs = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      const last = msgs[msgs.length - 1]!;
      const t0 = performance.now();
      (document.querySelector('[data-testid="stop-button"]') as HTMLButtonElement).click();
      while (last.getAttribute("data-status") !== "stopped") {
        if (performance.now() - t0 > 2000) return -1;
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - t0;
    });
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(200);
    await expect(answer).toHaveAttribute("data-status", "stopped");
    const kept = (await answer.textContent()) ?? "";
    expect(kept.length).toBeGreaterThan(200);
    await expect(answer.getByTestId("footer-end-reason")).toHaveText("stopped");
    await expect(page.getByTestId("send-button")).toBeVisible();
    await expect(page.getByTestId("stop-button")).toHaveCount(0);
  });

  test("Escape stops the answer", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, "Another long one [long:3000] [pace:chunk=20]");
    const answer = assistant(page);
    await expect.poll(async () => (await answer.textContent())?.length ?? 0).toBeGreaterThan(100);
    await page.keyboard.press("Escape");
    await expect(answer).toHaveAttribute("data-status", "stopped");
  });

  test("a long answer streamed block by block reads the same as it does after a reload, every code block highlighted", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    await send(page, "A long one [long:2500] [pace:first=0,chunk=5,size=64]");
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    const markdown = answer.locator('[data-slot="markdown"]');
    const codeBlocks = answer.getByTestId("code-block");
    expect(await codeBlocks.count()).toBeGreaterThan(2);
    // Highlighting runs in idle time, block by block: every finished block gets it.
    await expect(answer.locator('[data-testid="code-block"][data-highlighted="false"]')).toHaveCount(0);
    const streamed = await markdown.textContent();
    const streamedBlocks = await codeBlocks.count();

    // The saved answer rendered in one go: the same text, in the same order, the same code blocks.
    await page.reload();
    const saved = assistant(page);
    await expect(saved).toHaveAttribute("data-status", "done");
    await expect(saved.getByTestId("code-block")).toHaveCount(streamedBlocks);
    expect(await saved.locator('[data-slot="markdown"]').textContent()).toBe(streamed);
    await expect(saved.locator('[data-testid="code-block"][data-highlighted="false"]')).toHaveCount(0);
  });
});
