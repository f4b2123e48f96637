import { expect, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send, sseAnswer } from "./helpers";

const HOSTILE = [
  "# Hostile answer",
  "",
  "<script>window.__pwned = 'script'</script>",
  "",
  "Inline <img src=x onerror=\"window.__pwned='img'\"> and <b onmouseover=alert(1)>bold</b>.",
  "",
  "[click me](javascript:window.__pwned='link') and [safe](https://example.com/docs).",
  "",
  "![tracker](https://tracker.example/pixel.png)",
  "",
  '<iframe src="https://evil.example"></iframe>',
].join("\n");

test("hostile markdown renders as inert text: no HTML, no javascript: links, no automatic images", async ({
  page,
}) => {
  const images: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "image" && !r.url().startsWith("data:")) images.push(r.url());
  });
  await page.route("**/api/chat", (route) =>
    route.fulfill({ status: 200, contentType: "text/event-stream", body: sseAnswer(HOSTILE) }),
  );
  await openChat(page, MODEL_4);
  await send(page, "show me something hostile");
  const answer = assistant(page);
  await expect(answer).toHaveAttribute("data-status", "done");
  await expect(answer.locator("h1")).toHaveText("Hostile answer");
  // The markup is visible as text…
  await expect(answer).toContainText("<script>window.__pwned = 'script'</script>");
  await expect(answer).toContainText("<img src=x onerror=");
  await expect(answer).toContainText("<iframe");
  // …and nothing of it became an element.
  await expect(answer.locator("script, iframe, b, img")).toHaveCount(0);
  await expect(answer.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(answer.getByText("click me")).toBeVisible();
  const safe = answer.locator('a[href="https://example.com/docs"]');
  await expect(safe).toHaveAttribute("rel", "noopener noreferrer");
  await expect(safe).toHaveAttribute("target", "_blank");
  // The remote image waits for a click.
  await expect(answer.getByTestId("remote-image")).toContainText("tracker.example");
  expect(images).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  await answer.getByText("click me").click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
});

test("the page is served with a Content-Security-Policy", async ({ page }) => {
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("default-src 'self'");
});
