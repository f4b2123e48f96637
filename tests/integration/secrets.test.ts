/**
 * The gateway key stays on the server: not in any page, JSON answer, stream, header or error, and
 * not in the JavaScript the build ships to browsers (nor any code there that reads it).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type ParleyServer, startParley } from "../support/parley-server";
import { createStore, type Store } from "../support/persistence";
import { newTurn, read } from "../support/turns";

const SECRET = "sk-secret-scan-4f1c9e2a7b";
const root = path.resolve(__dirname, "../..");

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe("the gateway key never leaves the server", { timeout: 60_000 }, () => {
  let emulator: EmulatorHandle;
  let parley: ParleyServer;
  let store: Store;

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 1 });
    store = await createStore("pglite");
    parley = await startParley({ AIGATEWAY_API_KEY: SECRET, AIGATEWAY_BASE_URL: emulator.url, ...store.env });
  }, 120_000);

  afterAll(async () => {
    await parley?.stop();
    await emulator?.close();
    await store?.drop();
  });

  it("is in no response: pages, JSON, streams, errors, headers", async () => {
    const seen: string[] = [];
    const keep = async (res: Response) => {
      seen.push(JSON.stringify([...res.headers.entries()]), await res.text());
    };
    for (const url of ["/", "/c/00000000-0000-4000-8000-000000000000", "/usage", "/admin", "/api/config"]) {
      await keep(await fetch(`${parley.url}${url}`));
    }
    for (const url of ["/api/health?deep", "/api/metrics", "/api/conversations", "/api/nope"]) {
      await keep(await fetch(`${parley.url}${url}`));
    }
    const turn = read(`${parley.url}/api/chat`, newTurn("Say something [fault:500*9]"));
    seen.push((await turn.done).raw);
    const ok = read(`${parley.url}/api/chat`, newTurn("Say something else"));
    seen.push((await ok.done).raw);
    expect(emulator.requests.some((r) => JSON.stringify(r.headers).includes(SECRET))).toBe(true);
    for (const text of seen) expect(text).not.toContain(SECRET);
  });

  it("is not in the JavaScript shipped to browsers, and no browser code reads it", async () => {
    const dist = path.join(root, process.env.PARLEY_DIST_DIR || ".next", "static");
    const files = (await filesUnder(dist)).filter((f) => /\.(js|css|html|json)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      expect(text, file).not.toContain(SECRET);
      // The variable's name appears in user-facing words ("Check AIGATEWAY_API_KEY…"); what must
      // never ship is code that reads it, nor the server's environment schema.
      expect(text, file).not.toMatch(
        /process\.env\.AIGATEWAY_API_KEY|env\.AIGATEWAY_API_KEY|AIGATEWAY_API_KEY:\s*\w+\./,
      );
    }
  });
});
