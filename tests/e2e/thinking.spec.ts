import { expect, test } from "@playwright/test";
import { assistant, MODEL_4, MODEL_46, openChat, send } from "./helpers";

test.describe("show thinking", () => {
  test("4.6 shows its thinking live, collapses it when the answer starts, and a click reopens it", async ({
    page,
  }) => {
    await openChat(page, MODEL_46);
    // Slow enough (2–3 s of thinking) that a busy machine still sees the live state; the answer
    // after it is long at this pace, hence the longer limits.
    test.setTimeout(60_000);
    await send(page, "Why is the sky blue? [pace:first=50,chunk=60,size=4]");
    const answer = assistant(page);
    const reasoning = answer.getByTestId("reasoning");
    // Live: open and labelled Thinking… at the same moment, text growing.
    await expect(
      answer.locator('[data-testid="reasoning"][data-state="open"][data-thinking="true"]', {
        hasText: "Thinking…",
      }),
    ).toHaveCount(1);
    await expect.poll(async () => ((await reasoning.textContent()) ?? "").length).toBeGreaterThan(40);
    // The answer starts: collapsed to "Thought for N s".
    await expect(reasoning).toHaveAttribute("data-state", "closed", { timeout: 20_000 });
    await expect(answer.getByTestId("reasoning-toggle")).toContainText(/Thought for [\d.]+ s/);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 45_000 });
    // A click opens it, another closes it.
    await answer.getByTestId("reasoning-toggle").click();
    await expect(reasoning).toHaveAttribute("data-state", "open");
    await expect(answer.getByTestId("reasoning-toggle")).toHaveAttribute("aria-expanded", "true");
    await expect(reasoning).toContainText("The user asked");
    await answer.getByTestId("reasoning-toggle").click();
    await expect(reasoning).toHaveAttribute("data-state", "closed");
  });

  test("4 does not think: no reasoning block", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, "Why is the sky blue?");
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(answer.locator("p").first()).toBeVisible();
    await expect(answer.getByTestId("reasoning")).toHaveCount(0);
  });
});
