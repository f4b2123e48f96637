/**
 * Time to first paint of a page's content in Chromium: from navigation start until an element
 * matching `selector` (and containing `text`, if given) is inside the viewport, checked every
 * animation frame (a frame callback runs just before that frame is painted). Also reads the
 * document's time to first byte and first contentful paint. Each run gets a fresh browser
 * context: no HTTP cache, as on a first visit.
 */
import type { Browser } from "@playwright/test";

/**
 * `api`: part of the URL of the request that would bring the content from the browser (the
 * server renders it now: counted, to show that none is made).
 */
export type PaintTarget = { url: string; selector: string; text?: string; api: string };
export type PaintSample = {
  ttfbMs: number;
  /** The whole HTML received (null: still arriving when the content showed), and the stylesheets (render-blocking; none when inlined). */
  htmlEndMs: number | null;
  cssEndMs: number | null;
  fcpMs: number | null;
  /** Requests for the content made by the page up to when it was on screen (0: the server rendered it). */
  apiRequests: number;
  visibleMs: number;
  mountedMessages: number;
};

/** A string, not a function: tsx's name-keeping helper (`__name`) does not exist inside the page. */
function probe(selector: string, text: string | undefined): string {
  return `(() => {
  const sel = ${JSON.stringify(selector)}, text = ${JSON.stringify(text ?? null)};
  const b = (window.__paint = { visibleAt: null });
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    // Hidden elements keep their boxes: the server's messages stay hidden until the HTML is parsed to the chat column's end.
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && getComputedStyle(el).visibility !== "hidden";
  };
  const tick = () => {
    for (const el of document.querySelectorAll(sel)) {
      if ((text === null || (el.textContent || "").includes(text)) && inView(el)) {
        b.visibleAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}

export async function measurePaint(browser: Browser, target: PaintTarget): Promise<PaintSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: probe(target.selector, target.text) });
    await page.goto(target.url, { waitUntil: "commit" });
    // A function, not a string: the app's CSP forbids eval, which a string predicate needs.
    await page.waitForFunction(
      () => (window as unknown as { __paint: { visibleAt: number | null } }).__paint.visibleAt !== null,
      undefined,
      { timeout: 60_000 },
    );
    // The probe sees the content in the frame callback just before its paint: FCP is reported after.
    await page
      .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, {
        timeout: 5_000,
      })
      .catch(() => undefined);
    return (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const api = performance.getEntriesByType("resource").filter((e) => e.name.includes(${JSON.stringify(target.api)}));
      return {
        ttfbMs: nav ? nav.responseStart : 0,
        htmlEndMs: nav && nav.responseEnd > 0 ? nav.responseEnd : null,
        cssEndMs: Math.max(0, ...performance.getEntriesByType("resource").filter((e) => e.name.includes(".css")).map((e) => e.responseEnd)) || null,
        fcpMs: fcp ? fcp.startTime : null,
        apiRequests: api.length,
        visibleMs: window.__paint.visibleAt,
        mountedMessages: document.querySelectorAll('[data-testid="message"]').length,
      };
    })()`)) as PaintSample;
  } finally {
    await context.close();
  }
}

/** `warmup` unmeasured visits first (server JIT, database caches), then `runs` measured ones. */
export async function paintSamples(
  browser: Browser,
  target: PaintTarget,
  opts: { warmup: number; runs: number },
): Promise<PaintSample[]> {
  for (let i = 0; i < opts.warmup; i++) await measurePaint(browser, target);
  const samples: PaintSample[] = [];
  for (let i = 0; i < opts.runs; i++) samples.push(await measurePaint(browser, target));
  return samples;
}
