import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { assistant, gotoHydrated, MODEL_4, MODEL_46, makePng, openChat, send } from "./helpers";
import { freshDataDir, startPrivateServer } from "./private-server";

/** The sidebar row of the conversation titled `title` (titles carry a per-test id: unique). */
function row(page: Page, title: string): Locator {
  return page.getByTestId("sidebar").getByTestId("conversation-item").filter({ hasText: title });
}

function group(page: Page, name: string): Locator {
  return page.getByTestId("sidebar").locator(`[data-testid="conversation-group"][data-group="${name}"]`);
}

/** Conversations written straight into the database through the import API (no model calls). */
async function importConversations(
  page: Page,
  conversations: { title: string; updatedAt: Date; pinned?: boolean }[],
): Promise<void> {
  const res = await page.request.post("/api/import", {
    data: {
      format: "parley.export",
      version: 1,
      conversations: conversations.map((c) => ({
        id: randomUUID(),
        title: c.title,
        model: MODEL_4,
        settings: {},
        pinned: c.pinned ?? false,
        archived: false,
        createdAt: c.updatedAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        currentLeafId: null,
        messages: [],
      })),
    },
  });
  expect(res.status()).toBe(201);
}

async function createConversation(page: Page, title: string): Promise<string> {
  const res = await page.request.post("/api/conversations", { data: { model: MODEL_4, title } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const tag = () => randomUUID().slice(0, 8);

test.describe("history", () => {
  // Model turns and title calls on a shared two-core machine.
  test.describe.configure({ timeout: 60_000 });

  test("a conversation survives a server restart exactly as it was", async ({ page }) => {
    test.setTimeout(240_000);
    const dataDir = freshDataDir();
    let server = await startPrivateServer(dataDir);
    try {
      await gotoHydrated(page, `${server.url}/`);
      await page.getByTestId("model-picker").selectOption(MODEL_46);
      await page.getByTestId("settings-toggle").click();
      await page.getByTestId("setting-system").fill("Answer like a meteorologist.");
      await page.getByRole("button", { name: "Close settings" }).click();
      await page.getByTestId("file-input").setInputFiles({
        name: "sky.png",
        mimeType: "image/png",
        buffer: makePng(64, 48),
      });
      await send(page, "What's the weather in Paris?");
      await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 60_000 });
      // Saved: the URL is the conversation's own.
      await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
      // A second turn on the other model: the conversation's model is now Sonnet 4.
      await page.getByTestId("model-picker").selectOption(MODEL_4);
      await send(page, "And what should I wear?");
      await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 60_000 });
      const path = new URL(page.url()).pathname;
      // The generated title reached the sidebar before the restart.
      const titled = page.getByTestId("conversation-item").filter({ hasText: "What's the weather in Paris" });
      await expect(titled).toHaveCount(1);

      await server.stop();
      server = await startPrivateServer(dataDir);

      // Another port is another origin: nothing comes from this browser's storage.
      await page.goto(`${server.url}${path}`);
      const messages = page.getByTestId("message");
      await expect(messages).toHaveCount(4);
      await expect(messages.nth(0)).toHaveAttribute("data-role", "user");
      await expect(messages.nth(0)).toContainText("What's the weather in Paris?");
      const image = messages.nth(0).getByTestId("message-image");
      await expect(image).toBeVisible();
      // Served from the database now (the upload became an attachment), and it loads.
      await expect(image).toHaveAttribute("src", /^\/api\/attachments\//);
      await expect
        .poll(() => image.evaluate((el) => (el as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);

      const first = assistant(page, 0);
      await expect(first).toHaveAttribute("data-status", "done");
      // One thought before the tool call, one before the answer.
      await expect(first.getByTestId("reasoning")).toHaveCount(2);
      const card = first.getByTestId("tool-call");
      await expect(card).toHaveAttribute("data-tool-name", "get_weather");
      await expect(card).toHaveAttribute("data-status", "done");
      await expect(card.getByTestId("weather-summary")).toContainText("18.5");
      await expect(first.getByTestId("footer-model")).toHaveText("Claude Sonnet 4.6");
      await expect(first.getByTestId("footer-in")).toContainText(/\d+ in/);
      await expect(first.getByTestId("footer-ttft")).toBeVisible();

      await expect(messages.nth(2)).toContainText("And what should I wear?");
      await expect(assistant(page, 1).getByTestId("footer-model")).toHaveText("Claude Sonnet 4");
      await expect(assistant(page, 1).getByTestId("reasoning")).toHaveCount(0);

      // The conversation's model and settings, not the defaults.
      await expect(page.getByTestId("model-picker")).toHaveValue(MODEL_4);
      await page.getByTestId("settings-toggle").click();
      await expect(page.getByTestId("setting-system")).toHaveValue("Answer like a meteorologist.");
      await page.getByRole("button", { name: "Close settings" }).click();

      const item = page.getByTestId("conversation-item").filter({ hasText: "What's the weather in Paris" });
      await expect(item.getByRole("link")).toHaveAttribute("aria-current", "page");
    } finally {
      await server.stop();
    }
  });

  test("the first answer saves the chat under its own URL, titles it, and New chat starts over", async ({
    page,
  }) => {
    const id = tag();
    await openChat(page, MODEL_4);
    await send(page, `Explain branch ${id} briefly`);
    await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    const conversationId = new URL(page.url()).pathname.split("/").at(-1)!;
    // The title comes from the title call after the answer; the list picks it up on its own.
    const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`);
    await expect(item).toContainText(`Explain branch ${id} briefly`);
    await expect(item.getByRole("link")).toHaveAttribute("aria-current", "page");

    await page.getByTestId("new-chat").click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("message")).toHaveCount(0);
    await expect(item.getByRole("link")).not.toHaveAttribute("aria-current", "page");

    await item.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/c/${conversationId}$`));
    await expect(page.getByTestId("message")).toHaveCount(2);
    await expect(page.getByTestId("message").first()).toContainText(`Explain branch ${id} briefly`);
  });

  test("rename inline: the new title is saved and survives a reload", async ({ page }) => {
    const id = tag();
    const conversationId = await createConversation(page, `Rename me ${id}`);
    await gotoHydrated(page, "/");
    // By id: while the title is being edited it is an input's value, not the row's text.
    const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`);
    await expect(item).toHaveText(`Rename me ${id}`);
    await item.getByTestId("rename-button").click();
    const input = item.getByTestId("rename-input");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue(`Rename me ${id}`);
    await input.fill(`Renamed ${id}`);
    await input.press("Enter");
    await expect(item).toHaveText(`Renamed ${id}`);
    // Escape leaves the title alone.
    await item.getByTestId("rename-button").click();
    await input.fill("Not this");
    await input.press("Escape");
    await expect(input).toHaveCount(0);
    await expect(item).toHaveText(`Renamed ${id}`);
    await page.reload();
    await expect(row(page, `Renamed ${id}`)).toHaveCount(1);
    await expect(row(page, `Rename me ${id}`)).toHaveCount(0);
  });

  test("delete hides the conversation and Undo brings it back; without Undo it stays gone", async ({
    page,
  }) => {
    const id = tag();
    await createConversation(page, `Keep me ${id}`);
    await createConversation(page, `Drop me ${id}`);
    await gotoHydrated(page, "/");

    await row(page, `Keep me ${id}`).getByTestId("delete-button").click();
    await expect(row(page, `Keep me ${id}`)).toHaveCount(0);
    await page.getByTestId("undo-button").click();
    await expect(row(page, `Keep me ${id}`)).toHaveCount(1);

    await row(page, `Drop me ${id}`).getByTestId("delete-button").click();
    await expect(row(page, `Drop me ${id}`)).toHaveCount(0);
    await expect(page.getByTestId("undo-button")).toBeVisible();

    await page.reload();
    await expect(row(page, `Keep me ${id}`)).toHaveCount(1);
    await expect(row(page, `Drop me ${id}`)).toHaveCount(0);
  });

  test("pin moves a conversation to the top section and unpin puts it back", async ({ page }) => {
    const id = tag();
    await createConversation(page, `Pin me ${id}`);
    await gotoHydrated(page, "/");
    const item = row(page, `Pin me ${id}`);
    await expect(group(page, "Today").getByTestId("conversation-item").filter({ hasText: id })).toHaveCount(
      1,
    );

    await item.getByTestId("pin-button").click();
    await expect(group(page, "Pinned").getByTestId("conversation-item").filter({ hasText: id })).toHaveCount(
      1,
    );
    await expect(item).toHaveAttribute("data-pinned", "true");
    await expect(item.getByTestId("pin-button")).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(group(page, "Pinned").getByTestId("conversation-item").filter({ hasText: id })).toHaveCount(
      1,
    );
    // Pinned is the first section.
    await expect(page.getByTestId("conversation-group").first()).toHaveAttribute("data-group", "Pinned");

    await row(page, `Pin me ${id}`).getByTestId("pin-button").click();
    await expect(group(page, "Today").getByTestId("conversation-item").filter({ hasText: id })).toHaveCount(
      1,
    );
    await page.reload();
    await expect(row(page, `Pin me ${id}`)).toHaveAttribute("data-pinned", "false");
  });

  test("archive moves a conversation to the Archived view, where it can be unarchived", async ({ page }) => {
    const id = tag();
    await createConversation(page, `Archive me ${id}`);
    await gotoHydrated(page, "/");
    await row(page, `Archive me ${id}`).getByTestId("archive-button").click();
    await expect(row(page, `Archive me ${id}`)).toHaveCount(0);

    await page.getByTestId("archived-toggle").click();
    await expect(page.getByTestId("archived-toggle")).toHaveAttribute("aria-pressed", "true");
    await expect(row(page, `Archive me ${id}`)).toHaveAttribute("data-archived", "true");
    await row(page, `Archive me ${id}`).getByTestId("archive-button").click();
    await expect(row(page, `Archive me ${id}`)).toHaveCount(0);

    await page.getByTestId("archived-toggle").click();
    await expect(row(page, `Archive me ${id}`)).toHaveAttribute("data-archived", "false");
  });

  test("conversations are grouped by last activity, and older pages load as the list scrolls", async ({
    page,
  }) => {
    const id = tag();
    const daysAgo = (n: number) => {
      const d = new Date();
      d.setDate(d.getDate() - n);
      d.setHours(12, 0, 0, 0);
      return d;
    };
    // 35 ancient ones: more than one page (30) below everything other tests create.
    const ancient = Array.from({ length: 35 }, (_, i) => ({
      title: `Ancient ${id} #${String(i).padStart(2, "0")}`,
      updatedAt: new Date(Date.UTC(2001, 0, 1, 0, 0, 35 - i)),
    }));
    await importConversations(page, [
      { title: `Yesterday ${id}`, updatedAt: daysAgo(1) },
      { title: `Last week ${id}`, updatedAt: daysAgo(4) },
      ...ancient,
    ]);
    await page.goto("/");
    await expect(
      group(page, "Yesterday").getByTestId("conversation-item").filter({ hasText: id }),
    ).toHaveText(`Yesterday ${id}`);
    await expect(
      group(page, "Previous 7 days").getByTestId("conversation-item").filter({ hasText: id }),
    ).toHaveText(`Last week ${id}`);

    // The oldest is not on the first page; scrolling the list brings the next pages.
    const oldest = row(page, `Ancient ${id} #34`);
    await expect(oldest).toHaveCount(0);
    await expect(async () => {
      await page.getByTestId("sidebar").getByTestId("load-more").scrollIntoViewIfNeeded({ timeout: 1000 });
      await expect(oldest).toHaveCount(1, { timeout: 1000 });
    }).toPass();
    await expect(
      group(page, "Older")
        .getByTestId("conversation-item")
        .filter({ hasText: `Ancient ${id}` }),
    ).toHaveCount(35);
  });

  test("at 360 px the list is a drawer: opened from the header, labelled, closed by Escape", async ({
    page,
  }) => {
    const id = tag();
    const conversationId = await createConversation(page, `Narrow ${id}`);
    await page.setViewportSize({ width: 360, height: 740 });
    await gotoHydrated(page, "/");
    const sidebar = page.getByTestId("sidebar");
    await expect(sidebar).toBeHidden();
    const toggle = page.getByTestId("sidebar-toggle");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(sidebar).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Conversations" })).toBeVisible();
    // Focus moved into the drawer; Escape closes it and gives focus back.
    await expect(page.getByTestId("new-chat")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(sidebar).toBeHidden();
    await expect(toggle).toBeFocused();

    // Choosing a conversation opens it and closes the drawer.
    await toggle.click();
    await row(page, `Narrow ${id}`).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/c/${conversationId}$`));
    await expect(sidebar).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });
});
