import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { splitEvents } from "@/lib/gateway-emulator/replay";

// Real gateway bodies (copied from ../shared/gateway/recorded so a clean clone has them).
const RECORDED = path.resolve(__dirname, "../fixtures/recorded");

let tmp: string;
const started: EmulatorHandle[] = [];

async function emulator(opts: Parameters<typeof startEmulator>[0]) {
  const emu = await startEmulator({ replayChunkDelayMs: 0, ...opts });
  started.push(emu);
  return emu;
}

function post(emu: EmulatorHandle, prompt = "hi") {
  return fetch(`${emu.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: JSON.stringify({
      model: "anthropic/claude-sonnet-4",
      messages: [{ role: "user", content: prompt }],
      stream: true,
    }),
  });
}

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
const recorded = (name: string) => readFile(path.join(RECORDED, name));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "emulator-replay-"));
});
afterAll(async () => {
  await Promise.all(started.map((e) => e.close()));
  await rm(tmp, { recursive: true, force: true });
});

describe("replay of recorded gateway responses", () => {
  it("answers the k-th request with the k-th file, byte for byte, and repeats the last", async () => {
    const files = (await readdir(RECORDED)).filter(
      (f) => /^0[123]-.*\.(sse|json)$/.test(f) && !f.includes(".request."),
    );
    expect(files).toHaveLength(3);
    const emu = await emulator({ replay: files.map((f) => path.join(RECORDED, f)) });
    for (const name of [...files, files[2]!]) {
      const res = await post(emu);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(
        name.endsWith(".sse") ? "text/event-stream" : "application/json",
      );
      expect((await bytes(res)).equals(await recorded(name)), name).toBe(true);
    }
    // One write per SSE event: the count the server reports matches the blank-line blocks.
    const sseEvents = (await Promise.all(files.filter((f) => f.endsWith(".sse")).map(recorded))).map(
      (b) => splitEvents(b).length,
    );
    expect(emu.stats.chunksSent).toBe(sseEvents[0]! + 2 * sseEvents[1]!);
  });

  it("replays the file a [replay:NAME] marker names from replayDir", async () => {
    const emu = await emulator({ replayDir: RECORDED });
    const name = "08-TestVercelThinking-claude-sonnet-4-sig-thinking-streaming-i0.sse";
    const res = await post(emu, `Show the recording [replay:${name}]`);
    expect((await bytes(res)).equals(await recorded(name))).toBe(true);
    // The marker can only name a file inside the folder.
    expect((await post(emu, "[replay:../../etc/passwd]")).status).toBe(400);
    expect((await post(emu, "[replay:missing.sse]")).status).toBe(404);
    const noDir = await emulator({});
    expect((await post(noDir, `[replay:${name}]`)).status).toBe(400);
  });

  it("takes the status from a .NNN.json name and keeps CRLF line endings", async () => {
    const body = '{"error":{"message":"Rate limited","type":"rate_limit_error","code":"rate_limited"}}';
    await writeFile(path.join(tmp, "quota.429.json"), body);
    const crlf = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\r\n\r\ndata: [DONE]\r\n\r\n';
    await writeFile(path.join(tmp, "crlf.sse"), crlf);
    const emu = await emulator({ replay: [path.join(tmp, "quota.429.json"), path.join(tmp, "crlf.sse")] });
    const limited = await post(emu);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe(body);
    expect(await post(emu).then((r) => r.text())).toBe(crlf);
    expect(splitEvents(Buffer.from(crlf)).map(String)).toEqual([
      'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\r\n\r\n',
      "data: [DONE]\r\n\r\n",
    ]);
  });
});
