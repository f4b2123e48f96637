import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import type { ParleyServer } from "../support/parley-server";
import { startParley } from "../support/parley-server";
import { gotoHydrated } from "./helpers";
import { freshDataDir, privateServerEnv } from "./private-server";

/**
 * Team mode in Chromium, against a Parley of this test's own in accounts mode (PARLEY_AUTH=password):
 * the first account is admin, a second one sees none of the first one's conversations, a disabled
 * account cannot sign in, and a closed sign-up says so.
 */
test.describe.configure({ mode: "serial", timeout: 90_000 });

let server: ParleyServer;
const ann = { name: "Ann", email: `ann-${randomUUID().slice(0, 6)}@example.com`, password: "ann-password-1" };
const bob = { name: "Bob", email: `bob-${randomUUID().slice(0, 6)}@example.com`, password: "bob-password-1" };
const SECRET_TITLE = `Ann's secret plan ${randomUUID().slice(0, 4)}`;

test.beforeAll(async () => {
  server = await startParley({ ...privateServerEnv(freshDataDir()), PARLEY_AUTH: "password" });
});
test.afterAll(async () => {
  await server?.stop();
});

async function signUp(page: Page, who: typeof ann) {
  await gotoHydrated(page, `${server.url}/sign-up`);
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function signIn(page: Page, who: typeof ann) {
  await gotoHydrated(page, `${server.url}/sign-in`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

let annPage: Page;

test("the first account becomes admin and sees the admin area", async ({ browser }) => {
  annPage = await newPage(browser);
  await annPage.goto(server.url);
  await expect(annPage).toHaveURL(/\/sign-in$/);
  await signUp(annPage, ann);
  await expect(annPage.getByTestId("composer-input")).toBeVisible();
  // A conversation of Ann's, made from her page (same origin, her cookie).
  const created = await annPage.evaluate(async (title) => {
    const res = await fetch("/api/conversations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "anthropic/claude-sonnet-4", title }),
    });
    return res.status;
  }, SECRET_TITLE);
  expect(created).toBe(201);
  await annPage.reload();
  await expect(annPage.getByTestId("conversation-item").filter({ hasText: SECRET_TITLE })).toBeVisible();

  await annPage.getByTestId("user-menu").locator("summary").click();
  await annPage.getByTestId("admin-link").click();
  await expect(annPage.getByTestId("admin-area")).toBeVisible();
  await expect(annPage.getByTestId("user-row").filter({ hasText: ann.email })).toBeVisible();
  await annPage.getByTestId("sign-up-policy").selectOption("open");
  await expect(annPage.getByTestId("sign-up-policy")).toHaveValue("open");
  // Offer one model only: it becomes the default.
  // The box follows the saved settings, so it changes once the server has answered.
  await annPage.getByRole("checkbox", { name: "Claude Sonnet 4.6" }).click();
  await expect(annPage.getByRole("checkbox", { name: "Claude Sonnet 4.6" })).not.toBeChecked();
  await expect(annPage.getByTestId("default-model")).toHaveValue("anthropic/claude-sonnet-4");
});

test("a second account sees none of the first one's conversations", async ({ browser }) => {
  const page = await newPage(browser);
  await signUp(page, bob);
  await expect(page.getByTestId("composer-input")).toBeVisible();
  await expect(page.getByTestId("sidebar-tools")).toBeVisible();
  await expect(page.getByText(SECRET_TITLE)).toHaveCount(0);
  await expect(page.getByTestId("conversation-item")).toHaveCount(0);
  // The picker offers what the admin chose.
  await expect(page.getByTestId("model-picker")).toHaveValue("anthropic/claude-sonnet-4");
  await expect(page.getByTestId("model-picker").locator("option")).toHaveCount(1);
  // And no admin area for a member.
  await page.goto(`${server.url}/admin`);
  await expect(page).toHaveURL(`${server.url}/`);
  // Sign out from the header's user menu.
  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(server.url);
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.context().close();
});

test("a disabled account cannot sign in", async ({ browser }) => {
  await gotoHydrated(annPage, `${server.url}/admin`);
  const row = annPage.getByTestId("user-row").filter({ hasText: bob.email });
  await row.getByTestId("toggle-disabled").click();
  await expect(row.getByTestId("toggle-disabled")).toHaveText("Enable");

  const page = await newPage(browser);
  await signIn(page, bob);
  await expect(page.getByTestId("auth-error")).toContainText("disabled");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.context().close();
});

test("a closed sign-up refuses new accounts with a clear message", async ({ browser }) => {
  await gotoHydrated(annPage, `${server.url}/admin`);
  await annPage.getByTestId("sign-up-policy").selectOption("closed");
  await expect(annPage.getByTestId("sign-up-policy")).toHaveValue("closed");

  const page = await newPage(browser);
  await signUp(page, {
    name: "Cy",
    email: `cy-${randomUUID().slice(0, 6)}@example.com`,
    password: "cy-password-1",
  });
  await expect(page.getByTestId("auth-error")).toContainText("Sign-up is closed");
  await page.context().close();
});
