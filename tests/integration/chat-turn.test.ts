import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayConfig } from "@/lib/gateway/client";
import { type EmulatorHandle, startEmulator } from "@/lib/gateway-emulator";
import { type ChatTurnDeps, runChatTurn } from "@/lib/relay/chat-turn";
import type { FrameSink } from "@/lib/relay/frame-sink";
import { toStreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder } from "@/lib/stream/message-builder";
import type { ChatRequestBody } from "@/lib/validations/chat";
import { startFakeOpenMeteo } from "../support/fake-open-meteo";

type Recorded = { event: string | null; data: string };

let emulator: EmulatorHandle;
let meteo: Awaited<ReturnType<typeof startFakeOpenMeteo>>;
let deps: ChatTurnDeps;

function recorder(): FrameSink & { frames: Recorded[] } {
  const frames: Recorded[] = [];
  return {
    frames,
    chunk: (data) => frames.push({ event: null, data }),
    event: (name, payload) => frames.push({ event: name, data: JSON.stringify(payload) }),
  };
}

function body(prompt: string, settings: ChatRequestBody["settings"] = {}): ChatRequestBody {
  return {
    model: "anthropic/claude-sonnet-4.6",
    messages: [{ role: "user", content: prompt }],
    settings: { tools: ["get_weather", "calculator", "get_current_time"], ...settings },
  };
}

/** Replays what the browser would receive through the shared message builder. */
function render(frames: Recorded[]) {
  const b = createMessageBuilder({ startedAt: 0, model: "anthropic/claude-sonnet-4.6" });
  frames.forEach((f, i) => {
    const frame = toStreamFrame(f.event ?? undefined, f.data, String(i + 1));
    if (frame) applyFrame(b, frame, i);
  });
  return build(b);
}

beforeAll(async () => {
  emulator = await startEmulator();
  meteo = await startFakeOpenMeteo();
  const gateway: GatewayConfig = {
    baseUrl: emulator.url,
    apiKey: "test-key",
    stallMs: 5_000,
    maxRetries: 1,
    retryBaseMs: 5,
    maxRetryAfterSeconds: 5,
  };
  deps = {
    gateway,
    tools: {
      geocodingUrl: meteo.geocodingUrl,
      forecastUrl: meteo.forecastUrl,
      timeoutMs: 2_000,
      outboundAllow: ["127.0.0.1"],
    },
    maxSteps: 5,
  };
});

afterAll(async () => {
  await emulator?.close();
  await meteo?.close();
});

describe("the tool loop against the emulator", () => {
  it("runs get_weather on the server and answers with its result in a second step", async () => {
    const sink = recorder();
    const before = emulator.requests.length;
    const result = await runChatTurn(
      body("What's the weather in Paris?"),
      sink,
      new AbortController().signal,
      deps,
    );
    expect(result.error).toBeNull();
    expect(result.steps).toBe(2);
    const names = sink.frames.map((f) => f.event).filter(Boolean);
    expect(names).toEqual([
      "parley.step",
      "parley.step_end",
      "parley.tool_start",
      "parley.tool_result",
      "parley.step",
      "parley.step_end",
      "parley.done",
    ]);
    const toolResult = JSON.parse(sink.frames.find((f) => f.event === "parley.tool_result")!.data);
    expect(toolResult).toMatchObject({ name: "get_weather", status: "done" });
    expect(JSON.parse(toolResult.result).city).toBe("Paris");
    expect(meteo.requests.length).toBeGreaterThan(0);

    // The second model call carried the assistant's tool call and the tool's answer.
    const second = emulator.requests[before + 1]?.body as {
      messages: { role: string; tool_call_id?: string }[];
    };
    const assistant = second.messages.at(-2) as { role: string; tool_calls: { id: string }[] };
    const tool = second.messages.at(-1)!;
    expect(assistant.role).toBe("assistant");
    expect(tool).toMatchObject({ role: "tool", tool_call_id: assistant.tool_calls[0]!.id });

    const message = render(sink.frames);
    expect(message.status).toBe("done");
    const types = message.parts.map((p) => p.type);
    expect(types.indexOf("tool-call")).toBeLessThan(types.lastIndexOf("text"));
  });

  it("runs two parallel calls concurrently and returns both results in call order", async () => {
    const sink = recorder();
    const before = emulator.requests.length;
    await runChatTurn(body("Weather in Paris and in Tokyo?"), sink, new AbortController().signal, deps);
    const starts = sink.frames.filter((f) => f.event === "parley.tool_start").map((f) => JSON.parse(f.data));
    expect(starts).toHaveLength(2);
    // Both started before either finished: they ran concurrently.
    const firstResultIndex = sink.frames.findIndex((f) => f.event === "parley.tool_result");
    const lastStartIndex = sink.frames.findLastIndex((f) => f.event === "parley.tool_start");
    expect(lastStartIndex).toBeLessThan(firstResultIndex);
    const second = emulator.requests[before + 1]?.body as {
      messages: { role: string; tool_call_id?: string }[];
    };
    const toolIds = second.messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id);
    expect(toolIds).toEqual(starts.map((s) => s.id));
  });

  it("gives the model an error result for an unknown tool or bad arguments instead of failing", async () => {
    const sink = recorder();
    await runChatTurn(body("What is 12 * (3 + 4)?"), sink, new AbortController().signal, deps);
    const calc = JSON.parse(sink.frames.find((f) => f.event === "parley.tool_result")!.data);
    expect(calc).toMatchObject({ name: "calculator", status: "done" });
    expect(calc.result).toContain("84");
  });

  it("stops after the configured number of model calls", async () => {
    const sink = recorder();
    const result = await runChatTurn(
      body("What's the weather in Paris?"),
      sink,
      new AbortController().signal,
      {
        ...deps,
        maxSteps: 1,
      },
    );
    expect(result.error?.code).toBe("tool_loop_limit");
    expect(sink.frames.at(-1)?.event).toBe("parley.done");
  });

  it("does not offer tools the user turned off", async () => {
    const sink = recorder();
    const before = emulator.requests.length;
    await runChatTurn(
      body("What's the weather in Paris?", { tools: [] }),
      sink,
      new AbortController().signal,
      deps,
    );
    expect((emulator.requests[before]!.body as { tools?: unknown }).tools).toBeUndefined();
    expect(sink.frames.some((f) => f.event === "parley.tool_start")).toBe(false);
  });
});
