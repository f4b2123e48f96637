import { expect, type Page, test } from "@playwright/test";
import { assistant, gotoHydrated, MODEL_4, openChat, send } from "./helpers";

/**
 * MCP and user-defined tools in Chromium: add the local MCP server (tests/support/fake-mcp-server.ts,
 * started by playwright.config.ts) on the Tools page, enable its tool in a conversation, and the
 * card shows what it answered; a user-defined tool whose endpoint is a private address shows the
 * guarded fetch's refusal on its card.
 */
async function enableTool(page: Page, wireName: string) {
  await page.getByTestId("settings-toggle").click();
  await page.getByTestId(`setting-tool-${wireName}`).check();
  await page.getByTestId(`setting-approval-${wireName}`).selectOption("always");
  await page.getByRole("button", { name: "Close settings" }).click();
}

test("an MCP server's tool is called and its card shows the result", async ({ page }) => {
  const name = `MCP ${Date.now().toString(36)}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9_-]+/g, "_");
  await gotoHydrated(page, "/tools");
  const add = page.getByTestId("mcp-add");
  await add.getByLabel("Server name").fill(name);
  await add.getByLabel("Server URL").fill(process.env.PARLEY_E2E_MCP_URL!);
  await add.getByRole("button", { name: "Add server" }).click();
  const server = page.getByTestId("mcp-server").filter({ hasText: name });
  await expect(server.getByTestId("mcp-tools")).toContainText(`${slug}__add`);
  await expect(server.getByTestId("mcp-tools")).toContainText(`${slug}__shout`);

  await openChat(page, MODEL_4);
  await enableTool(page, `${slug}__add`);
  await send(page, `Add these [call:${slug}__add {"a":2,"b":40}]`);
  const card = assistant(page).getByTestId("tool-call");
  await expect(card).toHaveAttribute("data-tool-name", `${slug}__add`);
  await expect(card).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await card.getByText("Result").click();
  await expect(card.getByTestId("tool-result")).toContainText('"sum": 42');
  await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(assistant(page)).toContainText("sum: 42");
});

test("a tool's request to a private address is refused, and the card says so", async ({ page }) => {
  const tool = `private_${Date.now().toString(36)}`;
  await gotoHydrated(page, "/tools");
  const form = page.getByTestId("user-tool-add");
  await form.getByLabel("Function definition (JSON)").fill(
    JSON.stringify({
      name: tool,
      description: "Reads an internal service.",
      parameters: { type: "object", properties: {} },
    }),
  );
  await form.getByLabel("Who answers").selectOption("endpoint");
  await form.getByLabel("Endpoint URL").fill("https://10.0.0.5/internal");
  await form.getByRole("button", { name: "Add tool" }).click();
  await expect(page.getByTestId("user-tool").filter({ hasText: tool })).toBeVisible();

  await openChat(page, MODEL_4);
  await enableTool(page, tool);
  await send(page, `Read it [call:${tool} {}]`);
  const card = assistant(page).getByTestId("tool-call");
  await expect(card).toHaveAttribute("data-status", "error", { timeout: 20_000 });
  await expect(card.getByTestId("tool-result")).toContainText(
    "Parley refused to call 10.0.0.5: private network addresses are blocked.",
  );
  await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
});

test("a user-defined tool answered by hand in the card", async ({ page }) => {
  const tool = `ask_me_${Date.now().toString(36)}`;
  await gotoHydrated(page, "/tools");
  const form = page.getByTestId("user-tool-add");
  await form.getByLabel("Function definition (JSON)").fill(
    JSON.stringify({
      type: "function",
      function: {
        name: tool,
        description: "Ask the user.",
        parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
      },
    }),
  );
  await form.getByRole("button", { name: "Add tool" }).click();
  await expect(page.getByTestId("user-tool").filter({ hasText: tool })).toBeVisible();

  await openChat(page, MODEL_4);
  await page.getByTestId("settings-toggle").click();
  await page.getByTestId(`setting-tool-${tool}`).check();
  await page.getByRole("button", { name: "Close settings" }).click();
  await send(page, `Ask [call:${tool} {"q":"favourite colour?"}]`);
  const card = assistant(page).getByTestId("tool-call");
  await expect(card).toHaveAttribute("data-status", "awaiting-approval", { timeout: 20_000 });
  await card.getByTestId("tool-answer").fill("Teal, obviously.");
  await card.getByTestId("tool-answer-send").click();
  await expect(card).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(assistant(page)).toContainText("Teal, obviously.");
});
