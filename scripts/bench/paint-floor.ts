/**
 * The browser's share of first paint, apart from Parley's server and scripts: the same Chromium,
 * fresh context per visit, painting (a) a one-line page and (b) the exact HTML Parley served for a
 * page, from a static server that answers at once, with its scripts removed. If (b) alone is
 * near the target, the time is in parsing, styling and laying out that much HTML, not in the
 * server or the app's JavaScript.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "@playwright/test";
import { type PaintSample, paintSamples } from "./db-paint";

export async function paintFloor(
  browser: Browser,
  parleyHtml: string,
  selector: string,
  opts: { warmup: number; runs: number },
): Promise<{ trivial: PaintSample[]; sameHtml: PaintSample[] }> {
  const withoutScripts = parleyHtml.replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(req.url === "/same" ? withoutScripts : "<!doctype html><p data-floor>Hello</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const trivial = await paintSamples(
      browser,
      { url: `${base}/`, selector: "[data-floor]", api: "-" },
      opts,
    );
    const sameHtml = await paintSamples(browser, { url: `${base}/same`, selector, api: "-" }, opts);
    return { trivial, sameHtml };
  } finally {
    server.close();
  }
}
