import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run gateway:emulate -- --replay a.sse b.json c.429.json` (the README's example) once died
 * in parseArgs with ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL. Each case spawns the real CLI and checks
 * that the k-th request gets the k-th file, and the last file repeats.
 */
const root = path.resolve(__dirname, "../..");
const TSX = path.join(root, "node_modules/.bin/tsx");

const BODIES = {
  "a.sse": 'data: {"choices":[{"index":0,"delta":{"content":"A"}}]}\n\ndata: [DONE]\n\n',
  "b.json": '{"id":"b","choices":[{"index":0,"message":{"role":"assistant","content":"B"}}]}',
  "c.429.json": '{"error":{"message":"Rate limited","type":"rate_limit_error","code":"rate_limited"}}',
} as const;
type Name = keyof typeof BODIES;
const STATUS: Record<Name, number> = { "a.sse": 200, "b.json": 200, "c.429.json": 429 };

let tmp: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "emulator-replay-cli-"));
  for (const [name, body] of Object.entries(BODIES)) await writeFile(path.join(tmp, name), body);
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(tmp, { recursive: true, force: true });
});

type Cli = { url: string; stop: () => Promise<number | null> };

/** Starts the CLI and resolves with the URL it prints first on stdout (or rejects with its stderr). */
function startCli(args: string[]): Promise<Cli> {
  const child = spawn(TSX, ["scripts/gateway-emulate.ts", "--port", "0", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise<Cli>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      stdout += d;
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line) {
        resolve({
          url: line.trim(),
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    exited.then((code) => {
      // Stack frames are dropped: Vitest would try to source-map the child's frames and fail.
      const why = stderr.replace(/^\s+at .*$/gm, "").trim();
      reject(new Error(`gateway:emulate exited (${code}) before listening:\n${why}`));
    });
  });
}

function post(url: string) {
  return fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: JSON.stringify({ model: "anthropic/claude-sonnet-4", messages: [{ role: "user", content: "hi" }] }),
  });
}

/** Sends one request per expected file, in order, and checks status and body byte for byte. */
async function expectServed(cli: Cli, expected: Name[]) {
  for (const [i, name] of expected.entries()) {
    const res = await post(cli.url);
    expect(res.status, `request ${i + 1}`).toBe(STATUS[name]);
    expect(await res.text(), `request ${i + 1}`).toBe(BODIES[name]);
  }
}

const file = (name: Name) => path.join(tmp, name);

describe("npm run gateway:emulate -- --replay", () => {
  it("takes several files after one --replay, in order, and repeats the last", async () => {
    const cli = await startCli([
      "--quiet",
      "--replay",
      file("a.sse"),
      file("b.json"),
      file("c.429.json"),
      "--replay-chunk-delay-ms",
      "0",
    ]);
    await expectServed(cli, ["a.sse", "b.json", "c.429.json", "c.429.json"]);
    expect(await cli.stop()).toBe(0);
  });

  it("takes --replay repeated", async () => {
    const repeated = await startCli([
      "--replay",
      file("c.429.json"),
      "--quiet",
      "--replay",
      file("a.sse"),
      "--replay",
      file("b.json"),
    ]);
    await expectServed(repeated, ["c.429.json", "a.sse", "b.json", "b.json"]);
    expect(await repeated.stop()).toBe(0);
  });

  it("takes a mix of both forms and keeps the other flags", async () => {
    // `--replay=FILE more` counts too; --no-auth still applies (the request below sends no key).
    const mixed = await startCli([
      `--replay=${file("b.json")}`,
      file("a.sse"),
      "--no-auth",
      "--replay",
      file("c.429.json"),
    ]);
    const res = await fetch(`${mixed.url}/chat/completions`, { method: "POST", body: "{}" });
    expect(await res.text()).toBe(BODIES["b.json"]);
    await expectServed(mixed, ["a.sse", "c.429.json"]);
    expect(await mixed.stop()).toBe(0);
  });

  it("still refuses a stray word that follows another flag", async () => {
    await expect(startCli(["--quiet", file("a.sse")])).rejects.toThrow(
      /exited \(2\)[\s\S]*Unexpected argument/,
    );
  });
});
