import { expect, type Page, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send } from "./helpers";

/** Sets one built-in tool's approval in the settings panel. */
async function setApproval(page: Page, tool: string, mode: "always" | "ask" | "never") {
  await page.getByTestId("settings-toggle").click();
  await page.getByTestId(`setting-approval-${tool}`).selectOption(mode);
  await page.getByRole("button", { name: "Close settings" }).click();
}

test.describe("asking before a tool runs", () => {
  test("Run: the card waits with the arguments, survives a reload, then runs", async ({ page }) => {
    await openChat(page, MODEL_4);
    await setApproval(page, "calculator", "ask");
    await send(page, "What is 12 * (3 + 4)?");
    const card = assistant(page).getByTestId("tool-call");
    await expect(card).toHaveAttribute("data-status", "awaiting-approval", { timeout: 20_000 });
    await expect(card.getByTestId("tool-arguments")).toContainText('"expression": "12 * (3 + 4)"');
    await expect(card.getByTestId("tool-run")).toBeVisible();

    // The generation waits on the server: a reload shows the same question.
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    await page.waitForTimeout(1_200); // the snapshot is saved at least once a second
    await page.reload();
    const again = assistant(page).getByTestId("tool-call");
    await expect(again).toHaveAttribute("data-status", "awaiting-approval", { timeout: 15_000 });
    await again.getByTestId("tool-run").click();
    await expect(again).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(again.getByTestId("tool-approval")).toHaveCount(0);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(assistant(page)).toContainText("84");
  });

  test("Deny: the model is told the user declined, and the answer goes on", async ({ page }) => {
    await openChat(page, MODEL_4);
    await setApproval(page, "calculator", "ask");
    await send(page, "What is 6 * 7?");
    const card = assistant(page).getByTestId("tool-call");
    await expect(card).toHaveAttribute("data-status", "awaiting-approval", { timeout: 20_000 });
    await card.getByTestId("tool-deny").click();
    await expect(card).toHaveAttribute("data-status", "error", { timeout: 20_000 });
    await expect(card.getByTestId("tool-result")).toContainText("The user declined to run calculator.");
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    // The emulator quotes the tool result it was given.
    await expect(assistant(page)).toContainText("declined");
  });
});
