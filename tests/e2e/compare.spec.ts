import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import type { RunMetrics } from "@/lib/compare/run-metrics";
import { gotoHydrated, MODEL_4, MODEL_46 } from "./helpers";

type View = {
  runs: { column: number; model: string | null; status: string; metrics: RunMetrics | null }[];
  batches: { status: string }[];
};

/** Sets up a comparison of Sonnet 4 (column 1) and Sonnet 4.6 (column 2) and opens it. */
async function newComparison(page: Page, opts: { blind?: boolean } = {}): Promise<string> {
  await gotoHydrated(page, "/compare");
  if (opts.blind) await page.getByTestId("setup-blind").check();
  await page.getByTestId("setup-create").click();
  await page.waitForURL(/\/compare\/[0-9a-f-]{36}$/);
  return page.url().split("/").at(-1) as string;
}

async function runPrompt(page: Page, prompt: string, repeats = 1, mode = "sequential") {
  await page.getByTestId("compare-prompt").fill(prompt);
  await page.getByTestId("compare-repeats").fill(String(repeats));
  await page.getByTestId("compare-mode").selectOption(mode);
  await page.getByTestId("compare-run").click();
}

async function view(page: Page, id: string): Promise<View> {
  return (await (await page.request.get(`/api/comparisons/${id}`)).json()) as View;
}

async function allMeasured(page: Page, id: string, runs: number): Promise<View> {
  await expect
    .poll(
      async () => {
        const v = await view(page, id);
        return v.runs.filter((r) => r.metrics).length === runs && v.batches.every((b) => b.status === "done");
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  return view(page, id);
}

const answers = (page: Page) => page.getByTestId("compare-answer");

test.describe("model comparison", () => {
  test("columns stream at the same time; time to first token and tokens/s match the emulator's pace; diff; CSV", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const id = await newComparison(page);
    const first: Record<string, number> = { [MODEL_4]: 400, [MODEL_46]: 700 };
    const chunk = 80;
    await runPrompt(
      page,
      `Compare pacing [long:250] [pace@${MODEL_4}:first=${first[MODEL_4]},chunk=${chunk},size=24] [pace@${MODEL_46}:first=${first[MODEL_46]},chunk=${chunk},size=24]`,
    );
    // Both columns are streaming at the same moment.
    await expect(page.locator('[data-testid="compare-answer"][data-status="streaming"]')).toHaveCount(2, {
      timeout: 15_000,
    });
    // …and both have text on screen while the other is still going.
    await expect
      .poll(async () => {
        const texts = await Promise.all(
          [0, 1].map(async (n) => ((await answers(page).nth(n).textContent()) ?? "").length),
        );
        const streaming = await page
          .locator('[data-testid="compare-answer"][data-status="streaming"]')
          .count();
        return streaming === 2 && texts.every((n) => n > 40);
      })
      .toBe(true);
    const v = await allMeasured(page, id, 2);
    for (const r of v.runs) {
      const m = r.metrics as RunMetrics;
      const firstMs = first[r.model as string] as number;
      // The emulator waits `first` ms before its first byte; the relay adds a little.
      expect(m.ttfbMs).toBeGreaterThanOrEqual(firstMs);
      expect(m.ttfbMs).toBeLessThan(firstMs + 250);
      // The first answer token comes one chunk later (Sonnet 4) or after the thinking (4.6).
      expect(m.ttftMs).toBeGreaterThanOrEqual(firstMs + chunk);
      if (r.model === MODEL_4) expect(m.ttftMs).toBeLessThan(firstMs + chunk + 250);
      else expect(m.ttftMs as number).toBeGreaterThan((m.ttfbMs as number) + (m.thinkingMs as number) - 5);
      // The emulator's pace in tokens/s: its usage's completion tokens over the chunks' spacing.
      const expected = (m.completionTokens as number) / (((m.tokenChunks - 1) * chunk) / 1000);
      const ratio = (m.tokensPerSecond as number) / expected;
      test.info().annotations.push({
        type: "measured",
        description: `${r.model}: ttfb ${m.ttfbMs} ms (first byte set to ${firstMs}), first answer token ${m.ttftMs} ms, ${m.tokensPerSecond?.toFixed(1)} tok/s vs the emulator's ${expected.toFixed(1)} (${(ratio * 100).toFixed(1)}%)`,
      });
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.1);
    }
    console.log(
      test
        .info()
        .annotations.map((a) => a.description)
        .join("\n"),
    );

    // The page shows the server's figures for both columns, and the word diff marks what differs.
    await expect(page.getByTestId("metric-ttfbMs")).toHaveCount(2);
    await expect(page.getByTestId("compare-diff")).toBeVisible();
    expect(await page.getByTestId("diff-added").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("diff-removed").count()).toBeGreaterThan(0);

    const download = page.waitForEvent("download");
    await page.getByTestId("compare-export-csv").click();
    const csv = readFileSync(await (await download).path(), "utf8")
      .trim()
      .split("\r\n");
    expect(csv).toHaveLength(1 + 2);
    expect(csv[0]).toContain("ttft_ms");
  });

  test("repeated runs show median, min and max, with progress; CSV has one row per column per run", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const id = await newComparison(page);
    await runPrompt(page, "Repeat me [pace:first=100,chunk=10]", 3, "concurrent");
    await expect(page.getByTestId("compare-progress")).toBeVisible();
    await allMeasured(page, id, 6);
    const ttfb = page.getByTestId("metric-ttfbMs");
    await expect(ttfb.first()).toHaveAttribute("data-n", "3");
    await expect(ttfb.nth(1)).toHaveAttribute("data-n", "3");
    await expect(ttfb.first()).toContainText("–");
    for (const cell of await ttfb.all()) {
      const [min, median, max] = await Promise.all(
        ["data-min", "data-median", "data-max"].map(async (a) => Number(await cell.getAttribute(a))),
      );
      expect(min).toBeLessThanOrEqual(median as number);
      expect(median).toBeLessThanOrEqual(max as number);
    }
    await expect(page.getByTestId("compare-chart")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("comparison.png"), fullPage: true });
    const download = page.waitForEvent("download");
    await page.getByTestId("compare-export-csv").click();
    const csv = readFileSync(await (await download).path(), "utf8")
      .trim()
      .split("\r\n");
    expect(csv).toHaveLength(1 + 6);
  });

  test("a blind vote hides the models until cast, is stored and moves the leaderboard", async ({ page }) => {
    const before = (await (await page.request.get("/api/leaderboard")).json()) as { votes: number };
    const id = await newComparison(page, { blind: true });
    await runPrompt(page, "Judge me blind [pace:first=50,chunk=5]");
    await allMeasured(page, id, 2);
    const titles = page.getByTestId("compare-column-title");
    await expect(titles).toHaveText(["Column A", "Column B"]);
    // The page names no model (the demo answers themselves say which model they emulate).
    await expect(titles).not.toContainText(["sonnet", "sonnet"]);
    await expect(page.getByTestId("compare-metrics").locator("thead")).not.toContainText("sonnet");
    await page.getByTestId("vote-tag").fill("e2e-blind");
    await page.getByTestId("vote-a").click();
    await expect(page.getByTestId("compare-revealed")).toContainText(
      /A was claude-sonnet-4(\.6)?, B was claude-sonnet/,
    );
    await expect(titles.first()).toContainText("A · claude-sonnet");

    await page.goto("/compare/leaderboard");
    await expect(page.getByTestId("leaderboard-total")).toContainText(`${before.votes + 1} vote`);
    await expect(page.getByTestId("leaderboard-tag-e2e-blind").getByTestId("leaderboard-row")).toHaveCount(2);
    const rows = page.getByTestId("leaderboard-overall").getByTestId("leaderboard-row");
    await expect(rows).toHaveCount(2);
  });

  test("a reload mid-comparison: every column carries on where it was", async ({ page }) => {
    test.setTimeout(90_000);
    const id = await newComparison(page);
    await runPrompt(page, "Keep going after a reload [long:200] [pace:first=50,chunk=50,size=8]");
    await expect(page.locator('[data-testid="compare-answer"][data-status="streaming"]')).toHaveCount(2, {
      timeout: 15_000,
    });
    await expect
      .poll(async () => ((await answers(page).nth(0).textContent()) ?? "").length)
      .toBeGreaterThan(80);
    const before = await Promise.all(
      [0, 1].map(async (n) => ((await answers(page).nth(n).textContent()) ?? "").length),
    );
    await page.reload();
    // Still streaming after the reload, picked up from the saved state and the event log.
    await expect(page.locator('[data-testid="compare-answer"][data-status="streaming"]')).toHaveCount(2);
    const v = await allMeasured(page, id, 2);
    expect(v.runs.every((r) => r.status === "done")).toBe(true);
    await expect(page.locator('[data-testid="compare-answer"][data-status="done"]')).toHaveCount(2);
    // Both answers went on past where they were when the page reloaded.
    const after = await Promise.all(
      [0, 1].map(async (n) => ((await answers(page).nth(n).textContent()) ?? "").length),
    );
    expect(after[0]).toBeGreaterThan(before[0] as number);
    expect(after[1]).toBeGreaterThan(before[1] as number);
  });
});
