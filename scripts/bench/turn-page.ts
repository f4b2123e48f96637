/**
 * The chat page as the render benchmarks drive it: opened, set up for a long answer, then one turn
 * sent and followed to its end — the answer done, the stream closed (the title comes last on it),
 * and the network quiet again (the sidebar's refresh after the turn).
 */
import type { Page, Request } from "@playwright/test";
import { PARAM_RANGES } from "../../lib/validations/chat";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** How long the network must stay idle after the stream closed for the turn to count as over. */
const QUIET_MS = 750;

/** Opens the chat page, picks the model and raises max_tokens so a long answer is not cut short. */
export async function prepareChatPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId("model-picker").selectOption("anthropic/claude-sonnet-4");
  await page.getByTestId("settings-toggle").click();
  await page.getByTestId("setting-max_tokens").fill(String(PARAM_RANGES.max_tokens.max));
  await page.getByRole("button", { name: "Close settings" }).click();
}

type TurnHooks = {
  /** Every sampling interval while the answer streams. */
  onTick?: () => Promise<void>;
  /** Once the answer shows as done (before the turn's tail: title, sidebar refresh). */
  onAnswered?: () => Promise<void>;
};

/**
 * Sends `prompt` and resolves once the turn is over (see above). Marks `parley:send` in the page
 * (user timing, so it is in a trace) just before the click.
 */
export async function sendTurnAndSettle(page: Page, prompt: string, hooks: TurnHooks = {}): Promise<void> {
  const inflight = new Set<Request>();
  let lastChange = Date.now();
  let chatClosed = false;
  const track = (r: Request) => {
    inflight.add(r);
    lastChange = Date.now();
  };
  const untrack = (r: Request) => {
    inflight.delete(r);
    lastChange = Date.now();
    if (r.url().endsWith("/api/chat")) chatClosed = true;
  };
  page.on("request", track);
  page.on("requestfinished", untrack);
  page.on("requestfailed", untrack);
  try {
    await page.getByTestId("composer-input").fill(prompt);
    await page.evaluate(() => performance.mark("parley:send"));
    await page.getByTestId("composer-input").press("Enter");
    const last = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await last.waitFor();
    for (;;) {
      const status = await last.getAttribute("data-status");
      if (status && status !== "streaming") {
        if (status !== "done") throw new Error(`answer ended with status ${status}`);
        await hooks.onAnswered?.();
        break;
      }
      await hooks.onTick?.();
      await page.waitForTimeout(250); // sampling interval of the benchmark, not a test synchronisation
    }
    while (!chatClosed || inflight.size > 0 || Date.now() - lastChange < QUIET_MS) {
      await page.waitForTimeout(50); // polling the request log (the bench measures, it does not assert)
    }
  } finally {
    page.off("request", track);
    page.off("requestfinished", untrack);
    page.off("requestfailed", untrack);
  }
}
