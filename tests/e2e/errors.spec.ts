import { createServer } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { startParley } from "../support/parley-server";
import { assistant, gotoHydrated, MODEL_4, openChat, send } from "./helpers";
import { freshDataDir, privateServerEnv } from "./private-server";

/** Words that blame the person's own network or Parley's server for a fault of the AI Gateway. */
const BLAMES_SOMEONE_ELSE =
  /check your (internet )?connection|Parley.s server could not be reached|your browser/i;

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** The answer's error box, once it shows; and that its footer gives no end reason of its own. */
async function errorBox(page: Page) {
  const answer = assistant(page);
  const error = answer.getByTestId("message-error");
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(answer).toHaveAttribute("data-status", "error");
  await expect(answer.getByTestId("footer-end-reason")).toHaveCount(0);
  return error;
}

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
    await expect(error).toContainText("The AI Gateway is limiting how fast requests can be made.");
    await expect(error).toContainText(/try again in \d+ s|try again now/i);
    await expect(answer).toHaveAttribute("data-status", "error");
    await expect(page.getByTestId("composer-input")).toHaveValue(prompt);
    await error.getByTestId("retry-button").click();
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page.getByTestId("message-error")).toHaveCount(0);
    await expect(page.getByTestId("composer-input")).toHaveValue("");
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveCount(1);
  });

  test("a cut-off stream keeps what arrived, blames the AI Gateway, and Retry completes it", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    await send(page, `Cut me off ${Date.now()} [fault:cut*1]`);
    const answer = assistant(page);
    const error = await errorBox(page);
    await expect(error).toHaveAttribute("data-code", "stream_cut");
    await expect(error).toHaveAttribute("data-party", "ai_gateway");
    await expect(error).toContainText("The AI Gateway closed the connection mid-answer.");
    await expect(error).toContainText("cut off");
    expect(
      ((await answer.locator('[data-slot="markdown"]').first().textContent()) ?? "").length,
    ).toBeGreaterThan(0);
    await error.getByTestId("retry-button").click();
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page.getByTestId("message-error")).toHaveCount(0);
  });

  test("a gateway 401 says the key is wrong, and offers no pointless Retry", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, "Who am I? [fault:401]");
    const error = await errorBox(page);
    await expect(error).toHaveAttribute("data-code", "unauthorized");
    await expect(error).toContainText("The AI Gateway rejected the API key.");
    await expect(error).toContainText("AIGATEWAY_API_KEY");
    await expect(error.getByTestId("retry-button")).toHaveCount(0);
  });

  test("a gateway that refuses connections is named as the AI Gateway, and the footer invents no end reason", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const server = await startParley({
      ...privateServerEnv(freshDataDir()),
      AIGATEWAY_API_KEY: "sk-aig-e2e-refused-0123456789",
      AIGATEWAY_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
      GATEWAY_RETRY_BASE_MS: "10",
    });
    try {
      await gotoHydrated(page, `${server.url}/`);
      await send(page, "Hello, anyone there?");
      const error = await errorBox(page);
      await expect(error).toHaveAttribute("data-code", "gateway_unreachable");
      await expect(error).toHaveAttribute("data-party", "ai_gateway");
      await expect(error).toContainText("Parley's server could not reach the AI Gateway.");
      await expect(error).toContainText("AIGATEWAY_BASE_URL");
      await expect(error).toContainText("ECONNREFUSED");
      await expect(error).not.toContainText(BLAMES_SOMEONE_ELSE);
      await expect(assistant(page).getByTestId("message-footer")).not.toContainText("max_tokens");
      await expect(assistant(page).getByTestId("message-footer")).toHaveAttribute("data-end-reason", "none");
    } finally {
      await server.stop();
    }
  });

  test("when the browser cannot reach Parley's server, it says so, not that the gateway failed", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    await page.route("**/api/chat", (route) => route.abort("connectionrefused"));
    await send(page, "Is anyone there?");
    const error = await errorBox(page);
    await expect(error).toHaveAttribute("data-party", "browser");
    await expect(error).toContainText("Your browser could not reach Parley's server.");
    await expect(error).toContainText("may still be running");
    await expect(error).not.toContainText("AI Gateway");
  });

  test("when the stream to the browser drops, it says the connection to Parley's server dropped", async ({
    page,
  }) => {
    await openChat(page, MODEL_4);
    const chunk = { choices: [{ index: 0, delta: { content: "Partial answer" }, finish_reason: null }] };
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/event-stream",
        body: `id: 1\nevent: parley.step\ndata: {"step":0,"model":"${MODEL_4}"}\n\nid: 2\ndata: ${JSON.stringify(chunk)}\n\n`,
      }),
    );
    await send(page, "Talk to me");
    const error = await errorBox(page);
    await expect(error).toHaveAttribute("data-party", "browser");
    await expect(error).toContainText(
      "The connection to Parley's server dropped before the answer finished.",
    );
    await expect(error).not.toContainText("AI Gateway");
    await expect(assistant(page)).toContainText("Partial answer");
  });
});
