/**
 * Parley on one node:http server, as the alternative to `next start` that the relay benchmark
 * measures side by side (issue 12): `POST /api/chat` goes straight to the chat route's handler —
 * the same compiled code `next start` runs, loaded from the build — and every other request goes
 * to Next's own request handler.
 *
 * What it skips is Next's per-request machinery around a route handler (routing, the request and
 * response adapters, tracing spans, the stream pipe); scripts/bench/relay.ts shows what that costs.
 * Everything Parley does itself (auth, CSRF, limits, usage, cancellation, errors in words) is in
 * the handler and runs unchanged.
 *
 * Usage: tsx server.ts [-p PORT] [-H HOST]   (after `next build`; PARLEY_DIST_DIR as for next)
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { securityHeaders } from "./lib/security-headers";

const args = process.argv.slice(2);
const arg = (short: string, long: string) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(arg("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = arg("-H", "--hostname") ?? process.env.PARLEY_HOST ?? "127.0.0.1";
const dir = __dirname;
const distDir = process.env.PARLEY_DIST_DIR || ".next";

/** Bodies this size or larger (or of unknown size) are left to Next, which streams them. */
const BUFFER_BODY_BYTES = 1024 * 1024;
const SECURITY_HEADERS: [string, string][] = securityHeaders().map((h) => [h.key, h.value]);

type RouteHandler = (request: Request) => Promise<Response>;

async function main(): Promise<void> {
  // So `authMode()` sees the host it listens on, as it reads `next start -H`.
  if (!arg("-H", "--hostname")) process.argv.push("-H", hostname);
  const app = next({ dev: false, dir, hostname, port });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  const chatModule = require(path.join(dir, distDir, "server/app/api/chat/route.js")) as {
    routeModule: { userland: { POST: RouteHandler }; ensureUserland?: () => Promise<void> };
  };
  await chatModule.routeModule.ensureUserland?.();
  const chat = chatModule.routeModule.userland.POST;

  const server = http.createServer((req, res) => {
    const length = Number(req.headers["content-length"] ?? Number.NaN);
    if (req.method === "POST" && req.url === "/api/chat" && length < BUFFER_BODY_BYTES) {
      relay(chat, req, res).catch((e: unknown) => {
        console.error("[server] relay failed", e);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end();
      });
      return;
    }
    void handleNext(req, res);
  });
  server.listen(port, hostname, () => console.log(`Parley on http://${hostname}:${port}`));
  const stop = () => server.close(() => app.close().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** One chat request: node request → web Request → the route's handler → node response. */
async function relay(handler: RouteHandler, req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const left = new AbortController();
  // The client leaving before the answer ends cancels the turn, as with `next start`.
  res.on("close", () => {
    if (!res.writableFinished) left.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const response = await handler(
    new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: "POST",
      headers,
      body: Buffer.concat(chunks),
      signal: left.signal,
    }),
  );
  const out: [string, string][] = [...SECURITY_HEADERS];
  response.headers.forEach((value, name) => {
    out.push([name, value]);
  });
  res.writeHead(response.status, out.flat());
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => {
    reader.cancel().catch(() => {});
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (res.destroyed) break;
    if (!res.write(value)) await drainOrClose(res);
  }
  res.end();
}

function drainOrClose(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
