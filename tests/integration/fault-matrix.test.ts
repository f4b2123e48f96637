import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_WORDS, type ErrorCode } from "@/lib/errors";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { applyEvent, createAssembly, finish } from "@/lib/stream/assembler";
import { endReason } from "@/lib/stream/end-reason";
import { type ParleyEventMap, toStreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder } from "@/lib/stream/message-builder";
import { type ParleyServer, startParley } from "../support/parley-server";
import { chunkFrames, eventsNamed, type ReceivedStream, readSse } from "../support/sse-client";

/**
 * Every gateway fault end to end, over real HTTP: the gateway emulator (faults by `[fault:…]`
 * marker), Parley's production build in front of it, and the stateless `POST /api/chat` read
 * frame by frame as the browser reads it. Each case checks the `parley.error` code and words, how
 * many calls reached the gateway, and that what streamed before the fault is kept.
 */
const MODEL = "anthropic/claude-sonnet-4";
const KEY = "sk-aig-faultmatrix-DO-NOT-LEAK-0123456789";
const STALL_SECONDS = 2;
const MAX_RETRIES = 2;
const SOMEONE_ELSES = /your (own )?(internet|network|connection|browser)|check your connection/i;

let emulator: EmulatorHandle;
let parley: ParleyServer;

const messagesFor = (prompt: string) => [{ role: "user", content: prompt }];

type Turn = {
  stream: ReceivedStream;
  error: ParleyEventMap["parley.error"] | undefined;
  /** The answer as the browser assembles what it received. */
  content: string;
  /** Calls that reached the gateway for this prompt (retries included). */
  attempts: number;
  /** What the footer would say about this answer. */
  footer: string | null;
  ms: number;
};

async function turn(server: ParleyServer, prompt: string): Promise<Turn> {
  const before = emulator.requests.length;
  const started = performance.now();
  const stream = await readSse(`${server.url}/api/chat`, {
    model: MODEL,
    messages: messagesFor(prompt),
    settings: {},
  });
  const ms = performance.now() - started;
  const attempts = emulator.requests
    .slice(before)
    .filter((r) => JSON.stringify((r.body as { messages?: unknown })?.messages).includes(prompt)).length;
  const errors = eventsNamed(stream, "parley.error");
  expect(errors.length, "at most one parley.error").toBeLessThanOrEqual(1);
  expect(stream.frames.at(-1)?.event, "a response always ends with parley.done").toBe("parley.done");
  const assembly = createAssembly();
  for (const f of chunkFrames(stream)) applyEvent(assembly, { data: f.data });
  const builder = createMessageBuilder({ startedAt: 0, model: MODEL });
  stream.frames.forEach((f, i) => {
    const frame = toStreamFrame(f.event, f.data, f.id);
    if (frame) applyFrame(builder, frame, i + 1);
  });
  const built = build(builder);
  return {
    stream,
    error: errors[0] ? JSON.parse(errors[0].data) : undefined,
    content: finish(assembly).content ?? "",
    attempts,
    footer: endReason(built.status, built.meta, built.parts),
    ms,
  };
}

/** The whole answer to `prompt`, straight from the emulator (once any `*N` fault is spent). */
async function fullAnswer(prompt: string): Promise<string> {
  const res = await fetch(`${emulator.url}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer x", "content-type": "application/json" },
    body: JSON.stringify({ model: MODEL, messages: messagesFor(prompt), stream: false }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
}

/** The error's words: the table's title for its code, the party named, never someone else's network. */
function expectWords(error: Turn["error"], code: ErrorCode, ...more: (string | RegExp)[]) {
  expect(error?.code).toBe(code);
  const message = error?.message ?? "";
  expect(message.startsWith(ERROR_WORDS[code].title), message).toBe(true);
  expect(message).toContain("AI Gateway");
  expect(message).not.toMatch(SOMEONE_ELSES);
  expect(message).not.toContain(KEY);
  for (const m of more) expect(message).toMatch(m);
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

const env = (baseUrl: string, dir: string) => ({
  AIGATEWAY_API_KEY: KEY,
  AIGATEWAY_BASE_URL: baseUrl,
  GATEWAY_RETRY_BASE_MS: "10",
  GATEWAY_MAX_RETRIES: String(MAX_RETRIES),
  GATEWAY_MAX_RETRY_AFTER_SECONDS: "5",
  GATEWAY_STALL_SECONDS: String(STALL_SECONDS),
  RELAY_PING_SECONDS: "0.5",
  PARLEY_DATA_DIR: `/tmp/parley-fault-matrix-${dir}-${process.pid}`,
});

beforeAll(async () => {
  emulator = await startEmulator({ chunkDelayMs: 5 });
  parley = await startParley(env(emulator.url, "main"));
}, 60_000);

afterAll(async () => {
  if (process.env.DEBUG_RELAY_LOGS) console.log(parley?.logs());
  await parley?.stop();
  await emulator?.close();
});

describe("gateway faults before the first byte", () => {
  it.each([
    ["401", "unauthorized", /AIGATEWAY_API_KEY/],
    ["402", "payment_required", /credit/],
    ["403", "forbidden", /model/],
  ] as const)("%s is %s, in the AI Gateway's name, and is never retried", async (fault, code, hint) => {
    const t = await turn(parley, `Matrix ${fault} [fault:${fault}]`);
    expectWords(t.error, code, hint);
    expect(t.error?.status).toBe(Number(fault));
    expect(t.attempts).toBe(1);
    expect(chunkFrames(t.stream)).toHaveLength(0);
    expect(t.footer).toBeNull();
  });

  it("429 with a Retry-After above the cap reaches the user with retryAfterSeconds", async () => {
    const t = await turn(parley, "Matrix 429 long [fault:429:retry=120]");
    expectWords(t.error, "rate_limited", /120 seconds/);
    expect(t.error).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(t.attempts).toBe(1);
  });

  it("429 with a short Retry-After is waited out, then the answer streams", async () => {
    const prompt = "Matrix 429 short [fault:429:retry=1*1]";
    const t = await turn(parley, prompt);
    expect(t.error).toBeUndefined();
    expect(t.attempts).toBe(2);
    expect(t.ms).toBeGreaterThanOrEqual(1000);
    expect(t.content).toBe(await fullAnswer(prompt));
    expect(t.footer).toBeNull();
  });

  it("5xx is retried a bounded number of times, then the answer streams", async () => {
    const prompt = `Matrix 503 [fault:503*${MAX_RETRIES}]`;
    const t = await turn(parley, prompt);
    expect(t.error).toBeUndefined();
    expect(t.attempts).toBe(MAX_RETRIES + 1);
    expect(t.content).toBe(await fullAnswer(prompt));
  });

  it("5xx that outlasts the retries is upstream_error, after exactly 1 + GATEWAY_MAX_RETRIES calls", async () => {
    const t = await turn(parley, "Matrix 500 [fault:500*9]");
    expectWords(t.error, "upstream_error", /HTTP 500/);
    expect(t.attempts).toBe(MAX_RETRIES + 1);
    expect(t.footer).toBeNull();
  });

  it("a connection reset before the first byte is gateway_unreachable, after bounded retries", async () => {
    const t = await turn(parley, "Matrix reset [fault:reset*9]");
    expectWords(t.error, "gateway_unreachable", /AIGATEWAY_BASE_URL/, /closed before it answered/);
    expect(t.attempts).toBe(MAX_RETRIES + 1);
    expect(t.footer).toBeNull();
  });

  it("a single reset is retried and the answer streams", async () => {
    const prompt = "Matrix reset once [fault:reset*1]";
    const t = await turn(parley, prompt);
    expect(t.error).toBeUndefined();
    expect(t.attempts).toBe(2);
    expect(t.content).toBe(await fullAnswer(prompt));
  });
});

describe("gateway faults inside a 200 stream", () => {
  it("a cut mid-stream is stream_cut, and the text before it is kept", async () => {
    const prompt = "Matrix cut [fault:cut*1]";
    const t = await turn(parley, prompt);
    expectWords(t.error, "stream_cut", /cut off/);
    expect(t.attempts).toBe(1);
    const full = await fullAnswer(prompt);
    expect(t.content.length).toBeGreaterThan(0);
    expect(t.content.length).toBeLessThan(full.length);
    expect(full.startsWith(t.content)).toBe(true);
    expect(t.footer).toBeNull();
  });

  it("a malformed chunk is skipped and logged by count, and the rest of the answer arrives", async () => {
    const prompt = "Matrix malformed [fault:malformed*1]";
    const t = await turn(parley, prompt);
    expect(t.error).toBeUndefined();
    expect(t.attempts).toBe(1);
    expect(t.content).toBe(await fullAnswer(prompt));
    // Nothing unreadable was forwarded to the browser.
    for (const f of chunkFrames(t.stream)) expect(() => JSON.parse(f.data), f.data).not.toThrow();
    expect(t.footer).toBeNull();
    const warnings = parley.logs().match(/skipped \d+ malformed chunk\(s\)[^\n]*/g) ?? [];
    expect(warnings).toEqual([expect.stringContaining("skipped 1 malformed chunk(s)")]);
    expect(parley.logs()).not.toContain('"delta":{"content":');
  });

  it.each(["stream-error", "event-error"])(
    "an error inside a 200 stream (%s) is stream_error; the text before it is kept, the upstream frame is not forwarded",
    async (fault) => {
      const t = await turn(parley, `Matrix ${fault} [fault:${fault}]`);
      expectWords(t.error, "stream_error");
      expect(t.attempts).toBe(1);
      expect(t.content.length).toBeGreaterThan(0);
      for (const f of chunkFrames(t.stream)) expect(f.data).not.toContain('"error"');
      expect(t.footer).toBeNull();
    },
  );

  it("a stall is stalled after GATEWAY_STALL_SECONDS, and the text before it is kept", async () => {
    const t = await turn(parley, "Matrix stall [fault:stall]");
    expectWords(t.error, "stalled", new RegExp(`${STALL_SECONDS} seconds`));
    expect(t.attempts).toBe(1);
    expect(t.content.length).toBeGreaterThan(0);
    expect(t.ms).toBeGreaterThanOrEqual(STALL_SECONDS * 1000);
    expect(t.footer).toBeNull();
  });
});

describe("a gateway that refuses connections", () => {
  let refused: ParleyServer;
  beforeAll(async () => {
    refused = await startParley(env(`http://127.0.0.1:${await closedPort()}/v1`, "refused"));
  }, 60_000);
  afterAll(async () => {
    await refused?.stop();
  });

  it("is gateway_unreachable, in words that name the AI Gateway and AIGATEWAY_BASE_URL, not the user's network", async () => {
    const t = await turn(refused, "Matrix refused");
    expectWords(t.error, "gateway_unreachable", /AIGATEWAY_BASE_URL/, /ECONNREFUSED/);
    expect(t.error?.message).toMatch(/^Parley's server could not reach the AI Gateway\./);
    expect(t.error).not.toHaveProperty("status");
    expect(chunkFrames(t.stream)).toHaveLength(0);
    // The footer must not invent an end reason ("hit max_tokens") for an answer that never began.
    expect(t.footer).toBeNull();
    expect(JSON.parse(t.stream.frames.at(-1)!.data)).toMatchObject({ finishReason: null });
  });
});
