import { expect, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send } from "./helpers";

test.describe("tool-call cards", () => {
  test("a weather question produces a card that fills in and shows the fake service's result", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    // Record every status each card goes through.
    await page.evaluate(() => {
      const w = window as unknown as { __statuses: string[] };
      w.__statuses = [];
      new MutationObserver(() => {
        for (const card of document.querySelectorAll('[data-testid="tool-call"]')) {
          const s = card.getAttribute("data-status") ?? "";
          if (w.__statuses.at(-1) !== s) w.__statuses.push(s);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // Paced so the card is on screen while its arguments stream, even on a busy machine.
    await send(page, "What's the weather in Paris? [pace:chunk=80]");
    const answer = assistant(page);
    const card = answer.getByTestId("tool-call");
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute("data-tool-name", "get_weather");
    await expect(card).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(card.getByTestId("tool-arguments")).toHaveAttribute("data-complete", "true");
    await expect(card.getByTestId("tool-arguments")).toContainText('"city": "Paris"');
    await expect(card.getByTestId("tool-duration")).toBeVisible();
    // Result from tests/support/fake-open-meteo.ts: Paris is 18.5 °C there.
    await expect(card.getByTestId("weather-summary")).toContainText("18.5");
    await card.getByText("Result").click();
    await expect(card.getByTestId("tool-result")).toContainText('"temperature": 18.5');
    const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
    expect(statuses[0]).not.toBe("done");
    expect(statuses.at(-1)).toBe("done");
    // The second step's answer follows the card.
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    const order = await answer.evaluate((el) => {
      const group = el.querySelector('[data-testid="tool-call-group"]')!;
      const text = [...el.querySelectorAll('[data-slot="markdown"]')].at(-1)!;
      return group.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await expect(answer).toContainText("18.5");
  });

  test("two parallel calls appear together", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, "What's the weather in Paris and Tokyo?");
    const answer = assistant(page);
    const group = answer.getByTestId("tool-call-group");
    await expect(group).toHaveCount(1);
    await expect(group.getByTestId("tool-call")).toHaveCount(2);
    await expect(group.getByTestId("tool-call").nth(0)).toHaveAttribute("data-status", "done", {
      timeout: 20_000,
    });
    await expect(group.getByTestId("tool-call").nth(1)).toHaveAttribute("data-status", "done", {
      timeout: 20_000,
    });
    await expect(group).toContainText("Paris");
    await expect(group).toContainText("Tokyo");
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  });
});
