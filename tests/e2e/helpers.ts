import { deflateSync } from "node:zlib";
import { expect, type Locator, type Page } from "@playwright/test";

export const MODEL_4 = "anthropic/claude-sonnet-4";
export const MODEL_46 = "anthropic/claude-sonnet-4.6";

/**
 * Waits until a server-drawn page answers keys and clicks. Its HTML is on screen (and Playwright
 * can act on it) before React has attached listeners; a click or key press in that window is lost.
 */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

/** Navigates and waits until the page answers: for tests that click or type at once. */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await hydrated(page);
}

/** Opens the chat page with a chosen model (the picker remembers it, so set it each time). */
export async function openChat(page: Page, model: string = MODEL_46): Promise<void> {
  await gotoHydrated(page, "/");
  await page.getByTestId("model-picker").selectOption(model);
  await expect(page.getByTestId("model-picker")).toHaveValue(model);
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
}

export function assistant(page: Page, index = -1): Locator {
  const all = page.locator('[data-testid="message"][data-role="assistant"]');
  return index < 0 ? all.last() : all.nth(index);
}

/** Turns tools off in the settings panel (replays of foreign tool calls must not loop). */
export async function setToolsEnabled(page: Page, on: boolean): Promise<void> {
  await page.getByTestId("settings-toggle").click();
  const toggle = page.getByTestId("setting-tools");
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
  await page.getByRole("button", { name: "Close settings" }).click();
}

/**
 * Records the text length of the last assistant message on every DOM change, in the page, so a
 * test can prove the answer grew in many steps (streamed) rather than all at once.
 */
export async function recordGrowth(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __growth: number[] };
    w.__growth = [];
    new MutationObserver(() => {
      const msgs = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      const last = msgs[msgs.length - 1];
      if (last?.getAttribute("data-status") !== "streaming") return;
      const n = last?.textContent?.length ?? 0;
      if (w.__growth.at(-1) !== n) w.__growth.push(n);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export async function growth(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __growth: number[] }).__growth);
}

/** A solid-colour RGB PNG of any size, for attachment tests. */
export function makePng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([40, 120, 200], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** One SSE frame in Parley's protocol (lib/stream/events.ts). */
export function frame(id: number, data: unknown, event?: string): string {
  return `id: ${id}\n${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`;
}

/** A whole hand-written relay response whose answer is `text` (for page.route fixtures). */
export function sseAnswer(text: string, model = MODEL_4): string {
  const chunk = (delta: object, finish: string | null = null) => ({
    id: "gen_fixture",
    object: "chat.completion.chunk",
    created: 1,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const usage = { prompt_tokens: 10, completion_tokens: 40, total_tokens: 50 };
  let id = 1;
  const pieces = text.match(/[\s\S]{1,24}/g) ?? [];
  return [
    frame(id++, { step: 0, model }, "parley.step"),
    frame(id++, chunk({ role: "assistant", content: "" })),
    ...pieces.map((p) => frame(id++, chunk({ content: p }))),
    frame(id++, { ...chunk({}, "stop"), usage }),
    frame(id++, { step: 0, finishReason: "stop", truncated: false, usage }, "parley.step_end"),
    frame(id++, { finishReason: "stop", steps: 1, usage }, "parley.done"),
  ].join("");
}
