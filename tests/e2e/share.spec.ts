import { expect, test } from "@playwright/test";
import { assistant, MODEL_46, makePng, openChat, send } from "./helpers";

test.describe("share links", () => {
  test("a shared conversation opens logged out with thinking, a tool card and an image, until revoked", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    await openChat(page, MODEL_46);
    await page.getByTestId("file-input").setInputFiles({
      name: "sky.png",
      mimeType: "image/png",
      buffer: makePng(64, 48),
    });
    await send(page, "What's the weather in Paris?");
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 60_000 });
    await expect(answer.getByTestId("tool-call")).toHaveAttribute("data-status", "done");
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);

    // Share from the header: the link is created and copied (the toast names it too).
    await page.getByTestId("share-conversation").click();
    const toast = page.getByTestId("toast").filter({ hasText: "/s/" });
    await expect(toast).toHaveCount(1);
    const link = /(https?:\/\/\S+\/s\/[A-Za-z0-9_-]{24})/.exec((await toast.textContent()) ?? "")?.[1];
    expect(link).toBeTruthy();

    // A fresh context: no cookies, no storage, nobody signed in.
    const visitor = await browser.newContext();
    try {
      const shared = await visitor.newPage();
      const response = await shared.goto(link!);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["x-robots-tag"]).toMatch(/noindex/);
      await expect(shared.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
      // No sidebar, no composer.
      await expect(shared.getByTestId("composer-input")).toHaveCount(0);
      await expect(shared.getByTestId("sidebar-tools")).toHaveCount(0);

      const messages = shared.getByTestId("message");
      await expect(messages.first()).toContainText("What's the weather in Paris?");
      const image = messages.first().getByTestId("message-image");
      await expect(image).toHaveAttribute("src", /^\/api\/shares\/[A-Za-z0-9_-]{24}\/images\/0$/);
      await expect.poll(() => image.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);

      const reply = shared.locator('[data-testid="message"][data-role="assistant"]').last();
      const thinking = reply.getByTestId("reasoning").first();
      await expect(thinking).toHaveAttribute("data-state", "closed");
      await thinking.getByTestId("reasoning-toggle").click();
      await expect(thinking).toHaveAttribute("data-state", "open");
      await expect(thinking.locator('[data-slot="markdown"]')).not.toBeEmpty();

      const card = reply.getByTestId("tool-call");
      await expect(card).toHaveAttribute("data-tool-name", "get_weather");
      await expect(card).toHaveAttribute("data-status", "done");
      await expect(card.getByTestId("tool-arguments")).toContainText('"city": "Paris"');
      await expect(card.getByTestId("weather-summary")).toContainText("18.5");
      await expect(reply.getByTestId("message-footer")).toBeVisible();

      // Revoke in settings (Data and sharing → Shared links).
      const id = link!.split("/s/")[1]!;
      await page.getByTestId("open-data").click();
      const row = page.locator(`[data-testid="shared-link"][data-share-id="${id}"]`);
      await expect(row).toBeVisible();
      await row.getByTestId("shared-link-revoke").click();
      await expect(row).toHaveCount(0);

      const gone = await shared.reload();
      expect(gone?.status()).toBe(404);
      await expect(shared.getByTestId("share-unavailable")).toContainText("no longer available");
      await expect(shared.getByTestId("message")).toHaveCount(0);
      const imageAfter = await visitor.request.get(new URL(`/api/shares/${id}/images/0`, link!).href);
      expect(imageAfter.status()).toBe(404);
    } finally {
      await visitor.close();
    }
  });
});
