import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { exportedTitles, importViaApi, openDataDialog, parleyExport, uniqueWord } from "./data-helpers";

const CHATGPT_FIXTURE = path.join(__dirname, "../fixtures/chatgpt-conversations.json");

/** Clicks a download link and keeps the file under its suggested name; returns its path and text. */
async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const name = file.suggestedFilename();
  const saved = test.info().outputPath(name);
  await file.saveAs(saved);
  return { name, path: saved, text: await readFile(saved, "utf8") };
}

type UploadFile = { name: string; mimeType: string; buffer: Buffer };

/** Picks a file through the Import button's file chooser, as a user would. */
async function chooseImportFile(page: Page, file: string | UploadFile): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByTestId("import-button").click(),
  ]);
  await chooser.setFiles(file);
}

const jsonFile = (name: string, content: string): UploadFile => ({
  name,
  mimeType: "application/json",
  buffer: Buffer.from(content),
});

/** The texts of the messages on screen, top to bottom. */
function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId("message").evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
}

const sidebarLinks = (page: Page, text: string) =>
  page.getByTestId("sidebar").getByTestId("conversation-link").filter({ hasText: text });

test.describe("import and export", () => {
  test("a conversation exports as Markdown and JSON, and the JSON imports back as a copy", async ({
    page,
  }) => {
    test.slow(); // many steps: import, open, two downloads, an upload, open the copy
    const word = uniqueWord();
    const title = `Round trip ${word}`;
    const turns = [
      { user: "What is a **round trip**?", assistant: `Going out and back again, like ${word}.` },
      { user: "And in data?", assistant: "Export, then import, and get the same thing back." },
    ];
    const { conversations } = await importViaApi(page.request, parleyExport(title, turns));
    const originalId = conversations[0]!.id;
    await page.goto(`/c/${originalId}`);
    await expect(page.getByTestId("message")).toHaveCount(4);
    const original = await messageTexts(page);
    await expect(sidebarLinks(page, title)).toHaveCount(1);

    await openDataDialog(page);
    const md = await download(page, "export-markdown");
    // Chromium takes the UTF-8 name (filename*), other browsers may take the ASCII one.
    expect(md.name).toMatch(new RegExp(`^Round[ -]trip[ -]${word}\\.md$`));
    expect(md.text).toContain(`# ${title}`);
    expect(md.text).toContain("## User\n\nWhat is a **round trip**?");
    expect(md.text).toContain("Export, then import, and get the same thing back.");

    const json = await download(page, "export-json");
    expect(json.name).toMatch(new RegExp(`^Round[ -]trip[ -]${word}\\.json$`));
    const exported = JSON.parse(json.text);
    expect(exported).toMatchObject({ format: "parley.export", version: 1 });
    expect(exported.conversations).toHaveLength(1);
    expect(exported.conversations[0]).toMatchObject({ title, model: "anthropic/claude-sonnet-4" });
    expect(exported.conversations[0].messages).toHaveLength(4);

    // The downloaded file goes back in through the file picker.
    await chooseImportFile(page, json.path);
    const status = page.getByTestId("import-status");
    await expect(status).toHaveAttribute("data-state", "success");
    await expect(status).toContainText("Imported 1 conversation (4 messages).");
    // The list was refreshed: the original and its copy.
    await expect(sidebarLinks(page, title)).toHaveCount(2);

    await status.getByTestId("import-result-link").click();
    await expect(page.getByTestId("data-dialog")).toBeHidden();
    await expect(page).not.toHaveURL(new RegExp(originalId));
    await expect(page).toHaveURL(/\/c\/[^/?]+$/);
    await expect(page.getByTestId("message")).toHaveCount(4);
    expect(await messageTexts(page)).toEqual(original);
  });

  test("Export everything downloads every conversation with all its messages", async ({ page }) => {
    const word = uniqueWord();
    const title = `Everything ${word}`;
    await importViaApi(
      page.request,
      parleyExport(title, [{ user: `Remember ${word}`, assistant: "Stored for the export." }]),
    );
    await page.goto("/");
    await openDataDialog(page);
    // No conversation is open at "/": only the whole-history export is offered.
    await expect(page.getByTestId("export-markdown")).toHaveCount(0);
    const all = await download(page, "export-all");
    expect(all.name).toMatch(/^parley-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(all.text);
    expect(data.format).toBe("parley.export");
    const mine = data.conversations.find((c: { title: string }) => c.title === title);
    expect(mine.messages.map((m: { parts: { text: string }[] }) => m.parts[0]!.text)).toEqual([
      `Remember ${word}`,
      "Stored for the export.",
    ]);
  });

  test("importing ChatGPT's conversations.json shows its conversations", async ({ page }) => {
    await page.goto("/");
    await openDataDialog(page);
    await chooseImportFile(page, CHATGPT_FIXTURE);
    const status = page.getByTestId("import-status");
    await expect(status).toHaveAttribute("data-state", "success");
    await expect(status).toContainText(
      "Imported 2 conversations (8 messages). Skipped 1 with nothing to show.",
    );
    await expect(status.getByTestId("import-result-link")).toHaveText(["Trip to Lisbon", "Weather in Oslo"]);
    // In the sidebar: Lisbon in the history, Oslo (archived in ChatGPT) under Archived.
    await expect(sidebarLinks(page, "Trip to Lisbon").first()).toBeVisible();

    await status.getByTestId("import-result-link").filter({ hasText: "Trip to Lisbon" }).click();
    await expect(page.getByTestId("message")).toHaveCount(4);
    expect(await messageTexts(page)).toEqual([
      expect.stringContaining("Plan a 3 day trip to Lisbon"),
      expect.stringContaining("Day 1: Alfama and the castle."),
      expect.stringContaining("Make it cheaper"),
      expect.stringContaining("Use the Viva Viagem card and eat at tascas."),
    ]);
    // ChatGPT's edited first question became a branch: the switcher shows "1 / 2".
    await expect(page.getByTestId("message").first()).toContainText("1 / 2");

    await page.getByTestId("archived-toggle").click();
    await expect(sidebarLinks(page, "Weather in Oslo").first()).toBeVisible();
  });

  test("a malformed file shows the server's error and imports nothing", async ({ page }) => {
    const word = uniqueWord();
    const good = parleyExport(`Fine ${word}`, [{ user: "Fine question", assistant: "Fine answer" }]);
    const broken = parleyExport(`Broken ${word}`, [{ user: "Broken question", assistant: "x" }]);
    (broken.conversations[0]!.messages[1]!.parts[0] as { text: unknown }).text = 5;
    const file = { ...good, conversations: [...good.conversations, ...broken.conversations] };

    await page.goto("/");
    await openDataDialog(page);
    const status = page.getByTestId("import-status");

    await chooseImportFile(page, jsonFile("bad.json", JSON.stringify(file)));
    await expect(status).toHaveAttribute("data-state", "error");
    await expect(status).toContainText("Could not import bad.json; nothing was imported.");
    await expect(page.getByTestId("import-error")).toContainText(
      `conversation 2 ("Broken ${word}") › messages[1].parts[0].text`,
    );

    await chooseImportFile(page, jsonFile("truncated.json", JSON.stringify(file).slice(0, 200)));
    await expect(page.getByTestId("import-error")).toHaveText("The request body is not valid JSON.");

    await chooseImportFile(page, jsonFile("other.json", '{"hello": "world"}'));
    await expect(page.getByTestId("import-error")).toHaveText(
      "This file is neither a Parley export nor ChatGPT's conversations.json.",
    );

    // Not even the valid first conversation of the bad file was written.
    expect((await exportedTitles(page.request)).filter((t) => t.includes(word))).toEqual([]);
    await page.getByTestId("data-dialog").getByRole("button", { name: "Close" }).click();
    await expect(sidebarLinks(page, word)).toHaveCount(0);
  });
});
