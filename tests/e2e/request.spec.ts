import { expect, test } from "@playwright/test";
import { assistant, MODEL_4, MODEL_46, makePng, openChat, send } from "./helpers";

/** A saved turn: the new message only; the server adds the stored history. */
type Body = {
  model: string;
  conversationId?: string;
  parentId?: string | null;
  message: { id: string; content: unknown };
  settings: Record<string, unknown>;
};

test.describe("what the request carries", () => {
  test("switching the model changes the request, and the choice is remembered", async ({ page }) => {
    await openChat(page, MODEL_46);
    let request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await send(page, "hello there");
    expect(((await request).postDataJSON() as Body).model).toBe(MODEL_46);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });

    await page.getByTestId("model-picker").selectOption(MODEL_4);
    request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await send(page, "hello again");
    const body = (await request).postDataJSON() as Body;
    expect(body.model).toBe(MODEL_4);
    // The earlier turn is the history: the new question hangs under its answer.
    expect(body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.parentId).toBe(
      await page
        .locator('[data-testid="message"][data-role="assistant"]')
        .first()
        .getAttribute("data-message-id"),
    );
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(assistant(page).getByTestId("footer-model")).toHaveText("Claude Sonnet 4");

    await page.reload();
    await expect(page.getByTestId("model-picker")).toHaveValue(MODEL_4);
  });

  test("an image is attached (and scaled down), shown as a thumbnail and sent as an image_url part", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    await page.getByTestId("file-input").setInputFiles({
      name: "wide.png",
      mimeType: "image/png",
      buffer: makePng(3000, 1500),
    });
    await expect(page.getByTestId("composer-attachment")).toHaveCount(1);
    const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await send(page, "What is in this picture?");
    const body = (await request).postDataJSON() as Body;
    const parts = body.message.content as { type: string; image_url?: { url: string } }[];
    const image = parts.find((p) => p.type === "image_url");
    expect(image?.image_url?.url).toMatch(/^data:image\/(png|webp|jpeg);base64,/);
    const size = await page.evaluate(async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      return { w: img.naturalWidth, h: img.naturalHeight };
    }, image!.image_url!.url);
    expect(Math.max(size.w, size.h)).toBeLessThanOrEqual(1568);
    expect(size.w / size.h).toBeCloseTo(2, 1);
    await expect(
      page.locator('[data-testid="message"][data-role="user"]').getByTestId("message-image"),
    ).toBeVisible();
    await expect(page.getByTestId("composer-attachment")).toHaveCount(0);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  });

  test("a file that is not an image is refused with a clear message", async ({ page }) => {
    await openChat(page, MODEL_4);
    await page
      .getByTestId("file-input")
      .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") });
    await expect(page.getByTestId("composer-notice")).toContainText("not a PNG, JPEG, WebP or GIF");
    await expect(page.getByTestId("composer-attachment")).toHaveCount(0);
  });

  test("JSON mode asks for json_object and shows the answer formatted", async ({ page }) => {
    await openChat(page, MODEL_4);
    await page.getByTestId("settings-toggle").click();
    await page.getByTestId("setting-json_mode").click();
    await expect(page.getByTestId("setting-json_mode")).toHaveAttribute("aria-checked", "true");
    const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await send(page, "Give me facts about owls as JSON");
    expect(((await request).postDataJSON() as Body).settings.json_mode).toBe(true);
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    const json = answer.getByTestId("json-answer");
    await expect(json).toHaveAttribute("data-valid", "true");
    const text = (await json.locator("code").textContent()) ?? "";
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).toContain('\n  "'); // indented
  });

  test("out-of-range settings are refused in the form and never sent", async ({ page }) => {
    await openChat(page, MODEL_4);
    await page.getByTestId("settings-toggle").click();
    await page.getByTestId("setting-temperature").fill("0.3");
    await page.getByTestId("setting-temperature").fill("1.7");
    await expect(page.getByTestId("setting-temperature-error")).toContainText("between 0 and 1");
    await page.getByTestId("setting-max_tokens").fill("2.5");
    await expect(page.getByTestId("setting-max_tokens-error")).toContainText("whole number");
    await page.getByTestId("setting-system").fill("Be terse.");
    const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await send(page, "hi");
    const settings = ((await request).postDataJSON() as Body).settings;
    expect(settings.temperature).toBe(0.3);
    expect(settings.max_tokens).toBe(4096);
    expect(settings.system).toBe("Be terse.");
    expect(settings.tools).toEqual(["get_weather", "calculator", "get_current_time"]);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(assistant(page).getByTestId("message-error")).toHaveCount(0);
  });
});
