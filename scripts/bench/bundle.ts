/**
 * Bundle benchmark: the JavaScript Chromium loads for the chat page on a first visit (no cache),
 * for `/` (a new chat) and for `/c/<id>` (a saved conversation with the demo answer: markdown, a
 * table, code in two languages), each script gzipped at level 9 from the build output, until the
 * network is idle. Scripts are split into those the HTML names (the route's first-load JS, what
 * the page needs to start) and those loaded on demand while it starts (parts the content asks
 * for, e.g. the code highlighter and the grammars of the code blocks on screen). The target is on
 * the first-load JS of either page; the on-demand part and the total are printed beside it.
 *
 * Which modules fill those chunks: scripts/bench/bundle-modules.ts (Next's bundle analyzer).
 *
 *   npx tsx scripts/bench/bundle.ts        (needs `npx next build`)
 *   npm run bench -- --only bundle
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "@playwright/test";
import { startParley } from "../../tests/support/parley-server";
import { recordTarget } from "./targets";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, process.env.PARLEY_DIST_DIR || ".next");
const TARGET_KB = 200;

export type ChunkSize = { file: string; gzipKb: number; rawKb: number; inHtml: boolean };
export type PageBundle = {
  page: string;
  totalKb: number;
  htmlKb: number;
  lazyKb: number;
  chunks: ChunkSize[];
};

function sizeOf(urlPath: string): { gzip: number; raw: number } {
  const file = path.join(dist, decodeURIComponent(urlPath).replace(/^\/_next\//, ""));
  const bytes = readFileSync(file);
  return { gzip: gzipSync(bytes, { level: 9 }).length, raw: bytes.length };
}

/** Every script a fresh browser context loads for `url` until the network is idle. */
async function pageBundle(
  browser: Browser,
  baseUrl: string,
  page: string,
  ready: string,
): Promise<PageBundle> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const scripts = new Set<string>();
    tab.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.add(new URL(r.url()).pathname);
    });
    const response = await tab.goto(`${baseUrl}${page}`, { waitUntil: "networkidle" });
    await tab.locator(ready).first().waitFor();
    await tab.waitForLoadState("networkidle");
    const html = (await response?.text()) ?? "";
    const chunks = [...scripts]
      .filter((p) => p.startsWith("/_next/"))
      .map((p) => {
        const { gzip, raw } = sizeOf(p);
        return {
          file: p.replace(/^\/_next\/static\/chunks\//, ""),
          gzipKb: gzip / 1024,
          rawKb: raw / 1024,
          inHtml: html.includes(p),
        };
      })
      .sort((a, b) => b.gzipKb - a.gzipKb);
    const sum = (cs: ChunkSize[]) => cs.reduce((n, c) => n + c.gzipKb, 0);
    return {
      page,
      totalKb: sum(chunks),
      htmlKb: sum(chunks.filter((c) => c.inHtml)),
      lazyKb: sum(chunks.filter((c) => !c.inHtml)),
      chunks,
    };
  } finally {
    await context.close();
  }
}

/** A saved conversation: one demo turn sent through the page, as a person would. */
async function savedConversation(browser: Browser, baseUrl: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(baseUrl);
    await tab.getByTestId("composer-input").fill("How do I read a file in Python and TypeScript?");
    await tab.getByTestId("composer-input").press("Enter");
    const answer = tab.locator('[data-testid="message"][data-role="assistant"][data-status="done"]');
    await answer.waitFor({ timeout: 60_000 });
    await tab.waitForURL(/\/c\/[^/?]+/);
    return new URL(tab.url()).pathname;
  } finally {
    await context.close();
  }
}

function printPage(b: PageBundle): void {
  console.log(
    `\n${b.page}: ${b.totalKb.toFixed(1)} KB gzip (first load ${b.htmlKb.toFixed(1)}, named in the HTML + ${b.lazyKb.toFixed(1)} on demand while starting), ${b.chunks.length} scripts`,
  );
  console.log(`  ${"chunk".padEnd(28)} ${"gzip KB".padStart(8)} ${"raw KB".padStart(8)}  loaded`);
  for (const c of b.chunks.slice(0, 12)) {
    console.log(
      `  ${c.file.padEnd(28)} ${c.gzipKb.toFixed(1).padStart(8)} ${c.rawKb.toFixed(1).padStart(8)}  ${c.inHtml ? "first load" : "on demand"}`,
    );
  }
}

export async function runBundleBench(): Promise<PageBundle[]> {
  const server = await startParley({
    AIGATEWAY_API_KEY: "",
    EMULATOR_FIRST_BYTE_MS: "0",
    EMULATOR_CHUNK_DELAY_MS: "0",
    PARLEY_DATA_DIR: `/tmp/parley-bundle-bench-${process.pid}`,
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox"],
  });
  try {
    const conversation = await savedConversation(browser, server.url);
    const pages = [
      await pageBundle(browser, server.url, "/", '[data-testid="composer-input"]'),
      await pageBundle(browser, server.url, conversation, '[data-testid="message"][data-role="assistant"]'),
    ];
    console.log("\nBundle: JavaScript the chat page loads on a first visit (gzip -9 of each script)");
    for (const p of pages) printPage(p);
    const worst = Math.max(...pages.map((p) => p.htmlKb));
    const name = (p: PageBundle) => (p.page.startsWith("/c/") ? "/c/<id>" : p.page);
    recordTarget({
      area: "bundle",
      metric: "chat page first-load JS (gzip)",
      value: worst,
      unit: "KB",
      target: `< ${TARGET_KB} KB`,
      met: worst < TARGET_KB,
      detail: pages
        .map(
          (p) =>
            `${name(p)} ${p.htmlKb.toFixed(1)} + ${p.lazyKb.toFixed(1)} on demand = ${p.totalKb.toFixed(1)}`,
        )
        .join("; "),
    });
    return pages;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Entry point for scripts/bench/index.ts (`npm run bench -- --only bundle`). */
export function run(): Promise<PageBundle[]> {
  return runBundleBench();
}

if (require.main === module) {
  runBundleBench()
    .then(async () => (await import("./targets")).printTargets())
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
