import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayConfig, type GatewayEvent, openChatStream } from "@/lib/gateway/client";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import type { ChatCompletionRequest } from "@/lib/stream/wire";

/**
 * The client against the gateway emulator's fault markers: the same failures the hand-scripted
 * server in gateway-client.test.ts produces, but shaped the way the emulator (and so the demo
 * mode and the browser tests) produces them.
 */
let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ firstByteDelayMs: 0, chunkDelayMs: 0 });
});
afterAll(() => emulator?.close());

const cfg = (over: Partial<GatewayConfig> = {}): GatewayConfig => ({
  baseUrl: emulator.url,
  apiKey: "test-key",
  stallMs: 5_000,
  maxRetries: 2,
  retryBaseMs: 1,
  maxRetryAfterSeconds: 5,
  ...over,
});
const live = () => ({ signal: new AbortController().signal });
// The emulator counts `*N` faults per prompt, so every test asks its own question.
const ask = (text: string): ChatCompletionRequest => ({
  model: "anthropic/claude-sonnet-4.6",
  messages: [{ role: "user", content: text }],
  stream: true,
  stream_options: { include_usage: true },
});

async function collect(events: AsyncIterable<GatewayEvent>): Promise<GatewayEvent[]> {
  const out: GatewayEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

async function failure(events: AsyncIterable<GatewayEvent>, got: GatewayEvent[] = []): Promise<unknown> {
  try {
    for await (const ev of events) got.push(ev);
  } catch (error) {
    return error;
  }
  throw new Error("expected the stream to fail");
}

describe("fault markers", () => {
  it("[fault:503*2] is retried twice, then the answer streams to [DONE]", async () => {
    const opened = await openChatStream(ask("Say hi [fault:503*2]"), cfg(), live());
    expect(opened.attempts).toBe(3);
    const events = await collect(opened.events);
    expect(events.at(-1)?.data).toBe("[DONE]");
    expect(events.length).toBeGreaterThan(2);
  });

  it("[fault:cut] surfaces as stream_cut after the chunks that made it", async () => {
    const got: GatewayEvent[] = [];
    const error = await failure(
      (await openChatStream(ask("Tell me a story [fault:cut]"), cfg(), live())).events,
      got,
    );
    expect(error).toMatchObject({ code: "stream_cut" });
    expect(got.length).toBeGreaterThan(0);
  });

  it("[fault:stall] surfaces as stalled", async () => {
    const opened = await openChatStream(ask("Tell me a story [fault:stall]"), cfg({ stallMs: 200 }), live());
    expect(await failure(opened.events)).toMatchObject({ code: "stalled" });
  });

  it("[fault:429] with a Retry-After over the cap reaches the caller", async () => {
    const error = await openChatStream(ask("Hi [fault:429:retry=60]"), cfg(), live()).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 60 });
  });
});
