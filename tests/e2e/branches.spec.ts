import { randomUUID } from "node:crypto";
import { expect, type Page, type Request, test } from "@playwright/test";
import { assistant, MODEL_4, MODEL_46, openChat, send } from "./helpers";

/** A saved turn: the server builds the history itself, from the path under `parentId`. */
type ChatBody = {
  model: string;
  conversationId?: string;
  parentId?: string | null;
  regenerate?: boolean;
  message?: { id: string; content: unknown };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function nextChatRequest(page: Page): Promise<Request> {
  return page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
}

function userMessages(page: Page) {
  return page.locator('[data-testid="message"][data-role="user"]');
}

async function answered(page: Page): Promise<void> {
  await expect(assistant(page)).toHaveAttribute("data-status", "done", { timeout: 20_000 });
}

test.describe("branches", () => {
  // Several model turns per test, on a shared two-core machine.
  test.describe.configure({ timeout: 90_000 });

  test("editing a question makes a sibling with its own answer; the switcher moves between them", async ({
    page,
  }) => {
    const id = randomUUID().slice(0, 8);
    await openChat(page, MODEL_4);
    await send(page, `Tell me about rivers ${id}`);
    await answered(page);
    await send(page, `And about lakes ${id}`);
    await answered(page);
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    const originalAnswer =
      (await assistant(page).locator('[data-slot="markdown"]').first().textContent()) ?? "";

    const second = userMessages(page).nth(1);
    await second.getByTestId("edit-message").click();
    const input = page.getByTestId("edit-input");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue(`And about lakes ${id}`);
    await input.fill(`And about mountains ${id}`);
    const request = nextChatRequest(page);
    await page.getByTestId("edit-submit").click();
    const body = (await request).postDataJSON() as ChatBody;
    // Same parent as the original question (the first answer), so it is a sibling.
    const firstAnswer = await page
      .locator('[data-testid="message"][data-role="assistant"]')
      .first()
      .getAttribute("data-message-id");
    expect(body.parentId).toBe(firstAnswer);
    expect(body.regenerate).toBeFalsy();
    expect(body.message?.id).toMatch(UUID);
    expect(body.message?.content).toBe(`And about mountains ${id}`);
    await answered(page);

    await expect(page.getByTestId("message")).toHaveCount(4);
    await expect(second).toContainText(`And about mountains ${id}`);
    const switcher = second.getByTestId("branch-switcher");
    await expect(switcher).toContainText("2 / 2");
    // The first question has one version only: no switcher.
    await expect(userMessages(page).first().getByTestId("branch-switcher")).toHaveCount(0);

    await switcher.getByRole("button", { name: "Previous version of this question" }).click();
    await expect(switcher).toContainText("1 / 2");
    await expect(second).toContainText(`And about lakes ${id}`);
    await expect(assistant(page).locator('[data-slot="markdown"]').first()).toHaveText(originalAnswer);
    await expect(switcher.getByRole("button", { name: "Previous version of this question" })).toBeDisabled();

    // The follow-up hangs under the branch on screen (the server builds the gateway's history
    // from that path: tests/integration/generations.test.ts checks what the gateway receives).
    const shownAnswer = await assistant(page).getAttribute("data-message-id");
    const followUp = nextChatRequest(page);
    await send(page, `Which is deeper ${id}?`);
    expect(((await followUp).postDataJSON() as ChatBody).parentId).toBe(shownAnswer);
    await answered(page);
    await expect(userMessages(page).last()).toContainText(`Which is deeper ${id}?`);

    // Located by its switcher: the list is virtualised, so positions among mounted messages shift.
    const edited = userMessages(page).filter({ has: page.getByTestId("branch-switcher") });
    await edited.getByRole("button", { name: "Next version of this question" }).click();
    await expect(edited.getByTestId("branch-switcher")).toContainText("2 / 2");
    await expect(edited).toContainText(`And about mountains ${id}`);
    // That branch has no follow-up: the edited question is the last one again.
    await expect(userMessages(page).last()).toContainText(`And about mountains ${id}`);
    await expect(page.getByTestId("message")).toHaveCount(4);

    // The branch on screen is the conversation's: a reload shows the same one.
    await page.reload();
    await expect(edited).toContainText(`And about mountains ${id}`);
    await expect(edited.getByTestId("branch-switcher")).toContainText("2 / 2");
  });

  test("editing the first question makes a new root version", async ({ page }) => {
    const id = randomUUID().slice(0, 8);
    await openChat(page, MODEL_4);
    await send(page, `Name a colour ${id}`);
    await answered(page);
    await userMessages(page).first().getByTestId("edit-message").click();
    await page.getByTestId("edit-input").fill(`Name a fruit ${id}`);
    const request = nextChatRequest(page);
    await page.getByTestId("edit-input").press("Enter");
    const body = (await request).postDataJSON() as ChatBody;
    expect(body.parentId).toBeNull();
    expect(body.message?.content).toBe(`Name a fruit ${id}`);
    await answered(page);
    const switcher = userMessages(page).first().getByTestId("branch-switcher");
    await expect(switcher).toContainText("2 / 2");
    await switcher.getByRole("button", { name: "Previous version of this question" }).click();
    await expect(userMessages(page).first()).toContainText(`Name a colour ${id}`);
    await expect(page.getByTestId("message")).toHaveCount(2);
  });

  test("Escape cancels an edit without sending anything", async ({ page }) => {
    const id = randomUUID().slice(0, 8);
    await openChat(page, MODEL_4);
    await send(page, `Keep this ${id}`);
    await answered(page);
    let sent = false;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/chat")) sent = true;
    });
    await userMessages(page).first().getByTestId("edit-message").click();
    await page.getByTestId("edit-input").fill("Something else");
    await page.getByTestId("edit-input").press("Escape");
    await expect(page.getByTestId("edit-input")).toHaveCount(0);
    await expect(userMessages(page).first()).toContainText(`Keep this ${id}`);
    await expect(page.getByTestId("message")).toHaveCount(2);
    expect(sent).toBe(false);
  });

  test("regenerate makes sibling answers, with the same or the other model", async ({ page }) => {
    const id = randomUUID().slice(0, 8);
    await openChat(page, MODEL_4);
    await send(page, `Describe the sea ${id}`);
    await answered(page);
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);

    let request = nextChatRequest(page);
    await assistant(page).getByTestId("regenerate").click();
    let body = (await request).postDataJSON() as ChatBody;
    expect(body.regenerate).toBe(true);
    expect(body.parentId).toBe(await userMessages(page).first().getAttribute("data-message-id"));
    expect(body.model).toBe(MODEL_4);
    expect(body.message).toBeUndefined();
    await answered(page);
    const switcher = assistant(page).getByTestId("branch-switcher");
    await expect(switcher).toContainText("2 / 2");

    request = nextChatRequest(page);
    await assistant(page).getByTestId("regenerate-other-model").click();
    body = (await request).postDataJSON() as ChatBody;
    expect(body.model).toBe(MODEL_46);
    expect(body.regenerate).toBe(true);
    await answered(page);
    await expect(switcher).toContainText("3 / 3");
    await expect(assistant(page).getByTestId("footer-model")).toHaveText("Claude Sonnet 4.6");
    await expect(assistant(page).getByTestId("reasoning")).toHaveCount(1);
    // Still one question and one answer on screen.
    await expect(page.getByTestId("message")).toHaveCount(2);

    await switcher.getByRole("button", { name: "Previous version of this answer" }).click();
    await expect(switcher).toContainText("2 / 3");
    await expect(assistant(page).getByTestId("footer-model")).toHaveText("Claude Sonnet 4");
    await expect(assistant(page).getByTestId("reasoning")).toHaveCount(0);

    await page.reload();
    await expect(assistant(page).getByTestId("branch-switcher")).toContainText("2 / 3");
    await expect(assistant(page).getByTestId("footer-model")).toHaveText("Claude Sonnet 4");
  });
});
