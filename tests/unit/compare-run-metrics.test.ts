import { describe, expect, it } from "vitest";
import { createTiming, observeFrame, runMetrics } from "@/lib/compare/run-metrics";
import type { StreamFrame } from "@/lib/stream/events";
import { DEFAULT_PRICES } from "@/lib/usage/cost";

const chunk = (delta: object): StreamFrame =>
  ({ kind: "chunk", data: JSON.stringify({ choices: [{ index: 0, delta }] }) }) as StreamFrame;

describe("run metrics", () => {
  it("measures from the gateway call: first byte, first answer token after thinking, speed, cost", () => {
    const t = createTiming();
    observeFrame(t, { kind: "parley.step", data: { step: 0, model: "m" } } as StreamFrame, 1000);
    observeFrame(t, chunk({ role: "assistant" }), 1300);
    observeFrame(t, chunk({ reasoning_content: "hmm" }), 1320);
    observeFrame(t, chunk({ content: "Hi" }), 1500);
    observeFrame(t, chunk({ content: " there" }), 2320);
    observeFrame(
      t,
      { kind: "parley.done", data: { finishReason: "stop", steps: 1, usage: null } } as StreamFrame,
      2400,
    );
    const m = runMetrics(
      t,
      {
        parts: [
          { type: "reasoning", text: "hmm", durationMs: 180 },
          { type: "text", text: "Hi there" },
        ],
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 100,
          total_tokens: 1100,
          completion_tokens_details: { reasoning_tokens: 20 },
        },
        finishReason: "stop",
        model: "anthropic/claude-sonnet-4",
      },
      DEFAULT_PRICES,
    );
    expect(m).toMatchObject({
      ttfbMs: 300,
      ttftMs: 500,
      thinkingMs: 180,
      totalMs: 1400,
      tokensPerSecond: 100,
      promptTokens: 1000,
      completionTokens: 100,
      reasoningTokens: 20,
      costEstimated: true,
      finishReason: "stop",
      tokenChunks: 3,
    });
    expect(m.cost).toBeCloseTo((1000 * 3 + 100 * 15) / 1e6, 12);
  });

  it("takes the gateway's cost and leaves out what it cannot know", () => {
    const m = runMetrics(
      createTiming(),
      {
        parts: [],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.5 },
        finishReason: null,
        model: "x",
      },
      DEFAULT_PRICES,
    );
    expect(m).toMatchObject({
      cost: 0.5,
      costEstimated: false,
      ttfbMs: null,
      thinkingMs: null,
      tokensPerSecond: null,
    });
  });
});
