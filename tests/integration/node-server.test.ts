/**
 * server.ts, the custom node:http server the relay benchmark measures beside `next start`: the chat
 * route's handler straight on node:http, everything else through Next. Same answers, same headers,
 * same cancellation, errors in words.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { freePort } from "../support/parley-server";
import { chunkFrames, eventsNamed, readSse } from "../support/sse-client";

const root = path.resolve(__dirname, "../..");
let emulator: EmulatorHandle;
let server: ChildProcess;
let url: string;
let output = "";

beforeAll(async () => {
  emulator = await startEmulator({ chunkDelayMs: 5 });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "server.ts", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AIGATEWAY_API_KEY: "sk-node-server-test",
      AIGATEWAY_BASE_URL: emulator.url,
      PARLEY_DATA_DIR: `/tmp/parley-node-server-test-${process.pid}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/api/health?ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error(`server.ts did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a readiness probe, not synchronising a test
  }
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await once(server, "exit");
  }
  await emulator?.close();
});

const chat = (prompt: string) => ({
  model: "anthropic/claude-sonnet-4.6",
  messages: [{ role: "user", content: prompt }],
});

describe("server.ts (the chat route on node:http, the rest through Next)", () => {
  it("streams a stateless answer with the same frames and headers as next start", async () => {
    const s = await readSse(`${url}/api/chat`, chat("Explain SSE briefly"));
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toContain("text/event-stream");
    expect(s.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s.headers.get("x-content-type-options")).toBe("nosniff");
    expect(s.headers.get("x-request-id")).toBeTruthy();
    expect(s.frames[0]?.event).toBe("parley.step");
    expect(chunkFrames(s).length).toBeGreaterThan(0);
    expect(s.frames.at(-1)?.event).toBe("parley.done");
  });

  it("refuses a bad body in words, and hands every other request to Next", async () => {
    const bad = await fetch(`${url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "anthropic/claude-sonnet-4.6", messages: "no" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    const config = await fetch(`${url}/api/config`);
    expect(config.status).toBe(200);
    expect(config.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("reports a gateway failure as a parley.error in words", async () => {
    const s = await readSse(`${url}/api/chat`, chat("Tell me something [fault:cut]"));
    const [error] = eventsNamed(s, "parley.error");
    expect(JSON.parse(error!.data)).toMatchObject({ code: "stream_cut" });
  });

  it("aborts the upstream request as soon as the client goes away", async () => {
    const aborted = once(emulator.events, "aborted");
    const s = await readSse(`${url}/api/chat`, chat("A long answer please [pace:chunk=50]"), {
      onFrame: (f, all) => (!f.event && all.filter((x) => !x.event).length >= 3 ? "stop" : undefined),
    });
    expect(chunkFrames(s).length).toBeGreaterThanOrEqual(3);
    await aborted;
    expect(emulator.stats.aborted).toBeGreaterThanOrEqual(1);
  });
});
