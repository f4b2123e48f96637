import { expect, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send } from "./helpers";

test.describe("errors", () => {
  test("a 429 says when to retry, puts the text back, and Retry works", async ({ page }) => {
    await openChat(page, MODEL_4);
    // *3: the relay's own retries (GATEWAY_MAX_RETRIES=2) use the first three; the UI retry gets through.
    const prompt = `Rate limit me ${Date.now()} [fault:429*3]`;
    await send(page, prompt);
    const answer = assistant(page);
    const error = answer.getByTestId("message-error");
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(error).toHaveAttribute("data-code", "rate_limited");
    await expect(error).toContainText(/try again in \d+ s|try again now/i);
    await expect(answer).toHaveAttribute("data-status", "error");
    await expect(page.getByTestId("composer-input")).toHaveValue(prompt);
    await error.getByTestId("retry-button").click();
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page.getByTestId("message-error")).toHaveCount(0);
    await expect(page.getByTestId("composer-input")).toHaveValue("");
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveCount(1);
  });

  test("a cut-off stream keeps what arrived, says so, and Retry completes it", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, `Cut me off ${Date.now()} [fault:cut*1]`);
    const answer = assistant(page);
    const error = answer.getByTestId("message-error");
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(error).toHaveAttribute("data-code", "stream_cut");
    await expect(error).toContainText("cut off");
    await expect(answer.getByTestId("footer-end-reason")).toHaveText("cut off");
    expect(
      ((await answer.locator('[data-slot="markdown"]').first().textContent()) ?? "").length,
    ).toBeGreaterThan(0);
    await error.getByTestId("retry-button").click();
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page.getByTestId("message-error")).toHaveCount(0);
  });

  test("a gateway 401 says the key is wrong", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, "Who am I? [fault:401]");
    const error = assistant(page).getByTestId("message-error");
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(error).toHaveAttribute("data-code", "unauthorized");
    await expect(error).toContainText("API key");
  });
});
