import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { assistant, MODEL_4, openChat, send } from "./helpers";

const LOCAL_USER_ID = "00000000-0000-4000-8000-000000000001";

async function setLimits(page: Page, limits: Record<string, unknown>) {
  const res = await page.request.put("/api/admin/limits", {
    data: { scope: "user", id: LOCAL_USER_ID, ...limits },
  });
  expect(res.status()).toBe(200);
}

test.describe("usage and budgets", () => {
  test("a used-up budget stops the chat and says which limit and when it resets", async ({ page }) => {
    await openChat(page, MODEL_4);
    await send(page, `Spend something ${Date.now()}`);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await setLimits(page, { dailyUsd: 0.000001 });
    try {
      await send(page, "One more, please");
      const error = assistant(page).getByTestId("message-error");
      await expect(error).toBeVisible({ timeout: 10_000 });
      await expect(error).toHaveAttribute("data-code", "budget_exceeded");
      await expect(error).toContainText("You have reached your spending limit.");
      await expect(error).toContainText("Your daily budget of $0.00 is used up");
      await expect(error).toContainText("It resets at 00:00 UTC.");
    } finally {
      await setLimits(page, { dailyUsd: null, monthlyUsd: null, requestsPerMinute: null });
    }
  });

  test("an admin sets a budget in the admin area, the chat is stopped in words, and clearing it lets it answer", async ({
    page,
  }) => {
    const row = page.locator(`[data-testid="limits-user"][data-subject-id="${LOCAL_USER_ID}"]`);
    try {
      await openChat(page, MODEL_4);
      await send(page, `Spend a little ${Date.now()}`);
      await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
      await page.goto("/admin");
      await expect(page.getByTestId("limits-panel")).toBeVisible();
      await row.getByLabel(/^Daily budget/).fill("0.000001");
      await row.getByTestId("save-limits").click();
      await expect(row.getByRole("status")).toHaveText("Saved");

      await openChat(page, MODEL_4);
      await send(page, "Am I over budget?");
      const error = assistant(page).getByTestId("message-error");
      await expect(error).toHaveAttribute("data-code", "budget_exceeded");
      await expect(error).toContainText("daily budget");

      await page.goto("/admin");
      await row.getByLabel(/^Daily budget/).fill("");
      await row.getByTestId("save-limits").click();
      await expect(row.getByRole("status")).toHaveText("Saved");
      await openChat(page, MODEL_4);
      await send(page, "And now?");
      await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    } finally {
      await setLimits(page, { dailyUsd: null, monthlyUsd: null, requestsPerMinute: null });
    }
  });

  test("the admin usage page draws charts in the theme's colours, and the CSV has one row per user, model and day", async ({
    page,
  }) => {
    // Usage from the test before, or from this one when it runs alone.
    const api = await page.request.get("/api/admin/usage?days=30");
    let rows = ((await api.json()) as { rows: unknown[] }).rows;
    if (rows.length === 0) {
      await openChat(page, MODEL_4);
      await send(page, `Some usage ${Date.now()}`);
      await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
      rows = ((await (await page.request.get("/api/admin/usage?days=30")).json()) as { rows: unknown[] })
        .rows;
    }

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/admin/usage");
    await expect(page.getByRole("heading", { name: "Usage (everyone)" })).toBeVisible();
    const bar = page.locator(".recharts-bar-rectangle path").first();
    await expect(bar).toBeVisible();
    expect(
      await page.locator("[data-testid=usage-chart] svg.recharts-surface").count(),
    ).toBeGreaterThanOrEqual(4);
    // Dark theme: the bars take --c-primary's dark value (#7aa2ff), not a fixed light colour.
    await expect(bar).toHaveCSS("fill", "rgb(122, 162, 255)");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("usage-csv").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^parley-usage-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, "utf8");
    const [header, ...lines] = csv.trim().split("\r\n");
    expect(header).toBe(
      "day,user_id,user_name,model,requests,prompt_tokens,completion_tokens,reasoning_tokens,cost_usd",
    );
    expect(lines.length).toBe(rows.length);
    const keys = lines.map((l) => l.split(",").slice(0, 4).join(","));
    expect(new Set(keys).size).toBe(keys.length);
    expect(lines[0]).toMatch(
      /^\d{4}-\d{2}-\d{2},[0-9a-f-]{36},Local user,anthropic\/claude-sonnet-4(\.6)?,\d+,\d+,\d+,\d+,\d+\.\d{6}$/,
    );
  });

  test("a person sees their own usage and makes an API key that is shown once", async ({ page }) => {
    await page.goto("/usage");
    await expect(page.getByRole("heading", { name: "Your usage" })).toBeVisible();
    await page.getByLabel("Key name").fill("e2e");
    await page.getByTestId("create-api-key").click();
    const secret = page.getByTestId("api-key-secret");
    await expect(secret).toContainText(/^pk_live_/);
    const shown = (await secret.textContent()) ?? "";
    const row = page.getByTestId("api-key-row").filter({ hasText: "e2e" }).first();
    await expect(row).toContainText(shown.slice(0, 14));
    await page.reload();
    await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  });
});
