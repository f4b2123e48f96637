import { expect, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send, setToolsEnabled } from "./helpers";

/** Recorded gateway streams (tests/fixtures/recorded, from ../shared/gateway/recorded) replayed through the demo gateway. */
test.describe("replays of recorded gateway streams", () => {
  test.beforeEach(async ({ page }) => {
    await openChat(page, MODEL_4);
    // The recordings call tools Parley doesn't have; with tools off the relay stops after one step.
    await setToolsEnabled(page, false);
  });

  test("a plain streamed answer renders its content", async ({ page }) => {
    await send(page, "[replay:01-TestVercelCommon-claude-sonnet-4-simple_streaming.sse]");
    const answer = assistant(page);
    await expect(answer).toHaveAttribute("data-status", "done");
    await expect(answer).toContainText("Oi!");
    await expect(answer).toContainText("casual");
    await expect(answer.getByTestId("footer-out")).toHaveText("36 out");
  });

  test("a thinking stream renders its reasoning and its tool call", async ({ page }) => {
    await send(page, "[replay:08-TestVercelThinking-claude-sonnet-4-sig-thinking-streaming-i0.sse]");
    const answer = assistant(page);
    await expect(answer).not.toHaveAttribute("data-status", "streaming", { timeout: 20_000 });
    const reasoning = answer.getByTestId("reasoning");
    await expect(reasoning).toHaveCount(1);
    if ((await reasoning.getAttribute("data-state")) === "closed")
      await answer.getByTestId("reasoning-toggle").click();
    await expect(reasoning).toContainText("weather information for Florence");
    await expect(answer.getByTestId("tool-call")).toHaveCount(1);
  });

  test("a tool stream renders its text and its card", async ({ page }) => {
    await send(page, "[replay:03-TestVercelCommon-claude-sonnet-4-tool_streaming-i0.sse]");
    const answer = assistant(page);
    await expect(answer).not.toHaveAttribute("data-status", "streaming", { timeout: 20_000 });
    await expect(answer).toContainText("Florence, Italy");
    const card = answer.getByTestId("tool-call");
    await expect(card).toHaveAttribute("data-tool-name", "weather");
    await expect(card.getByTestId("tool-arguments")).toContainText('"location": "Florence,Italy"');
  });

  test("parallel tool calls from a recording appear together", async ({ page }) => {
    await send(page, "[replay:05-TestVercelCommon-claude-sonnet-4-multi_tool_streaming-i0.sse]");
    const answer = assistant(page);
    await expect(answer).not.toHaveAttribute("data-status", "streaming", { timeout: 20_000 });
    const group = answer.getByTestId("tool-call-group");
    await expect(group.getByTestId("tool-call")).toHaveCount(2);
    await expect(group.getByTestId("tool-call").nth(0)).toHaveAttribute("data-tool-name", "add");
    await expect(group.getByTestId("tool-call").nth(1)).toHaveAttribute("data-tool-name", "multiply");
  });
});
