import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { applyEvent, createAssembly, finish } from "@/lib/stream/assembler";
import { type ParleyServer, startParley } from "../support/parley-server";
import { chunkFrames, eventsNamed, type ReceivedStream, readSse } from "../support/sse-client";

// A key shaped like a real one: it must never come back in any response.
const SECRET = "sk-aig-relaytest-DO-NOT-LEAK-1234567890";

let emulator: EmulatorHandle;
let parley: ParleyServer;
const seen: string[] = [];

function chat(prompt: string, extra: Record<string, unknown> = {}) {
  return {
    model: "anthropic/claude-sonnet-4.6",
    messages: [{ role: "user", content: prompt }],
    ...extra,
  };
}

async function stream(prompt: string, extra: Record<string, unknown> = {}): Promise<ReceivedStream> {
  const s = await readSse(`${parley.url}/api/chat`, chat(prompt, extra));
  seen.push(s.raw, JSON.stringify([...s.headers]));
  return s;
}

function assemble(s: ReceivedStream) {
  const a = createAssembly();
  for (const f of chunkFrames(s)) applyEvent(a, { data: f.data });
  return finish(a);
}

beforeAll(async () => {
  emulator = await startEmulator({ chunkDelayMs: 5 });
  parley = await startParley({
    AIGATEWAY_API_KEY: SECRET,
    AIGATEWAY_BASE_URL: emulator.url,
    GATEWAY_RETRY_BASE_MS: "10",
    GATEWAY_MAX_RETRIES: "2",
    // Short enough for the stall test, long enough that a busy CI machine never trips it by accident.
    GATEWAY_STALL_SECONDS: "3",
    RELAY_PING_SECONDS: "0.2",
    PARLEY_DATA_DIR: `/tmp/parley-relay-test-${process.pid}`,
  });
}, 60_000);

afterAll(async () => {
  if (process.env.DEBUG_RELAY_LOGS) console.log(parley?.logs());
  await parley?.stop();
  await emulator?.close();
});

describe("relay over real HTTP", () => {
  it("relays every gateway chunk in order, between parley.step and parley.done, with increasing ids", async () => {
    const s = await stream("Explain SSE briefly");
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toContain("text/event-stream");
    expect(s.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s.headers.get("x-accel-buffering")).toBe("no");
    const names = s.frames.map((f) => f.event ?? "chunk");
    expect(names[0]).toBe("parley.step");
    expect(names.at(-1)).toBe("parley.done");
    expect(names.at(-2)).toBe("parley.step_end");
    const ids = s.frames.map((f) => Number(f.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    // The browser's assembly of what it received equals a direct, non-relayed call.
    const relayed = assemble(s);
    const direct = await fetch(`${emulator.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: JSON.stringify({ ...chat("Explain SSE briefly"), stream: false }),
    }).then((r) => r.json());
    expect(relayed.content).toBe(direct.choices[0].message.content);
    expect(relayed.reasoning).toBe(direct.choices[0].message.reasoning_content);
    expect(relayed.finishReason).toBe("stop");
    expect(relayed.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("sends every request field the gateway documents, and asks for usage", async () => {
    const before = emulator.requests.length;
    await stream("Hello", {
      settings: { system: "Be brief.", temperature: 0.3, top_p: 0.9, max_tokens: 500, json_mode: true },
    });
    const sent = emulator.requests[before]?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: "anthropic/claude-sonnet-4.6",
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 500,
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: "json_object" },
    });
    expect((sent.messages as { role: string }[])[0]).toEqual({ role: "system", content: "Be brief." });
    expect(emulator.requests[before]?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it("forwards each event as it arrives instead of buffering the response", async () => {
    const completedBefore = emulator.stats.completed;
    let completedAtFirstChunk = -1;
    const s = await readSse(`${parley.url}/api/chat`, chat("Stream slowly [pace:chunk=40]"), {
      onFrame: (f) => {
        if (!f.event && completedAtFirstChunk < 0) completedAtFirstChunk = emulator.stats.completed;
        return undefined;
      },
    });
    // The first chunk reached the client while the emulator was still writing the answer.
    expect(completedAtFirstChunk).toBe(completedBefore);
    const chunks = chunkFrames(s);
    expect(chunks.length).toBeGreaterThan(10);
    const spread = chunks.at(-1)!.at - chunks[0]!.at;
    expect(spread).toBeGreaterThan(40 * (chunks.length / 2));
  });

  it("aborts the upstream request as soon as the browser goes away", async () => {
    const aborted = once(emulator.events, "aborted");
    const s = await readSse(`${parley.url}/api/chat`, chat("A long answer please [pace:chunk=50]"), {
      onFrame: (f, all) => (!f.event && all.filter((x) => !x.event).length >= 3 ? "stop" : undefined),
    });
    expect(chunkFrames(s).length).toBeGreaterThanOrEqual(3);
    await aborted;
    expect(emulator.stats.aborted).toBeGreaterThanOrEqual(1);
  });

  it("retries 503 and 429 before the first byte, then streams the answer", async () => {
    for (const fault of ["503*2", "429*1"]) {
      const before = emulator.stats.requests;
      const s = await stream(`Retry me [fault:${fault}]`);
      expect(eventsNamed(s, "parley.error")).toHaveLength(0);
      expect(assemble(s).content).toBeTruthy();
      expect(emulator.stats.requests - before).toBe(Number(fault.split("*")[1]) + 1);
    }
  });

  it("keeps the text streamed before a cut and reports the cut in words", async () => {
    const s = await stream("Tell me something [fault:cut]");
    const partial = assemble(s);
    expect(partial.content?.length ?? 0).toBeGreaterThan(0);
    const [error] = eventsNamed(s, "parley.error");
    expect(JSON.parse(error!.data)).toMatchObject({ code: "stream_cut" });
    expect(s.frames.at(-1)?.event).toBe("parley.done");
  });

  it("maps gateway failures to safe, typed errors", async () => {
    const cases: [string, string][] = [
      ["401", "unauthorized"],
      ["402", "payment_required"],
      ["429:retry=120", "rate_limited"],
      ["500*9", "upstream_error"],
      ["stream-error", "stream_error"],
    ];
    for (const [fault, code] of cases) {
      const s = await stream(`Fail [fault:${fault}]`);
      const error = JSON.parse(eventsNamed(s, "parley.error")[0]!.data);
      expect(error.code, fault).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
      if (code === "rate_limited") expect(error.retryAfterSeconds).toBe(120);
    }
  });

  it("reports a stalled gateway and pings the browser while it waits", async () => {
    const s = await stream("Go quiet [fault:stall]");
    expect(s.comments).toContain("ping");
    expect(JSON.parse(eventsNamed(s, "parley.error")[0]!.data).code).toBe("stalled");
    expect(assemble(s).content?.length ?? 0).toBeGreaterThan(0);
  });

  it("rejects malformed bodies with 400 naming the field", async () => {
    const post = (body: string) =>
      fetch(`${parley.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    const notJson = await post("{not json");
    expect(notJson.status).toBe(400);
    const badModel = await post(JSON.stringify(chat("hi", { model: "gpt-4" })));
    expect(badModel.status).toBe(400);
    expect((await badModel.json()).error.field).toBe("model");
    const badTemp = await post(JSON.stringify(chat("hi", { settings: { temperature: 7 } })));
    expect((await badTemp.json()).error.field).toBe("settings.temperature");
    const noMessages = await post(JSON.stringify({ model: "anthropic/claude-sonnet-4", messages: [] }));
    expect((await noMessages.json()).error.field).toBe("messages");
    const tooLong = await post(JSON.stringify(chat("x".repeat(100_001))));
    expect(tooLong.status).toBe(400);
  });

  it("never sends the API key to the browser", async () => {
    const config = await fetch(`${parley.url}/api/config`).then((r) => r.text());
    seen.push(config);
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).not.toContain(SECRET);
  });
});
