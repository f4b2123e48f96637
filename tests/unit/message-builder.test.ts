import { describe, expect, it } from "vitest";
import type { StreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder, markStopped } from "@/lib/stream/message-builder";

const chunk = (delta: object, finish_reason: string | null = null, extra: object = {}): StreamFrame => ({
  kind: "chunk",
  data: JSON.stringify({ choices: [{ index: 0, delta, finish_reason }], ...extra }),
});
const usage = (p: number, c: number) => ({ prompt_tokens: p, completion_tokens: c, total_tokens: p + c });
const call = (id: string, name: string, args: string, index = 0) =>
  chunk({ tool_calls: [{ index, id, type: "function", function: { name, arguments: args } }] });

function feed(frames: StreamFrame[], startAt = 1000) {
  const b = createMessageBuilder({ startedAt: startAt - 100, model: "anthropic/claude-sonnet-4.6" });
  frames.forEach((f, i) => {
    applyFrame(b, f, startAt + i * 10);
  });
  return b;
}

describe("the message builder", () => {
  it("orders thinking, then text, per step, and times the thinking", () => {
    const b = feed([
      { kind: "parley.step", data: { step: 0, model: "anthropic/claude-sonnet-4.6" } },
      chunk({ reasoning_content: "Hmm" }),
      chunk({ reasoning_content: "…" }),
      chunk({ content: "Answer" }, "stop", { usage: usage(3, 4) }),
      {
        kind: "parley.step_end",
        data: { step: 0, finishReason: "stop", truncated: false, usage: usage(3, 4) },
      },
      { kind: "parley.done", data: { finishReason: "stop", steps: 1, usage: usage(3, 4) } },
    ]);
    const m = build(b);
    expect(m.status).toBe("done");
    expect(m.parts).toEqual([
      { type: "reasoning", text: "Hmm…", durationMs: 20 },
      { type: "text", text: "Answer" },
    ]);
    expect(m.meta).toMatchObject({
      ttftMs: 110,
      totalMs: 150,
      finishReason: "stop",
      usage: usage(3, 4),
      truncated: false,
    });
  });

  it("shows a tool call calling, then running, then done with its result, before the next step's text", () => {
    const b = createMessageBuilder({ startedAt: 0 });
    const frames: StreamFrame[] = [
      { kind: "parley.step", data: { step: 0, model: "m" } },
      call("c1", "get_weather", '{"city":'),
    ];
    for (const f of frames) applyFrame(b, f, 1);
    expect(build(b).parts).toMatchObject([
      { type: "tool-call", id: "c1", name: "get_weather", arguments: '{"city":', status: "calling" },
    ]);

    applyFrame(
      b,
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, "tool_calls"),
      2,
    );
    applyFrame(
      b,
      {
        kind: "parley.step_end",
        data: { step: 0, finishReason: "tool_calls", truncated: false, usage: usage(1, 1) },
      },
      3,
    );
    applyFrame(
      b,
      {
        kind: "parley.tool_start",
        data: { step: 0, id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' },
      },
      4,
    );
    expect(build(b).parts[0]).toMatchObject({ status: "running", arguments: '{"city":"Paris"}' });

    applyFrame(
      b,
      {
        kind: "parley.tool_result",
        data: { step: 0, id: "c1", name: "get_weather", status: "done", result: '{"t":20}', durationMs: 12 },
      },
      5,
    );
    applyFrame(b, { kind: "parley.step", data: { step: 1, model: "m" } }, 6);
    applyFrame(b, chunk({ content: "It is 20°C." }, "stop"), 7);
    applyFrame(
      b,
      {
        kind: "parley.step_end",
        data: { step: 1, finishReason: "stop", truncated: false, usage: usage(2, 2) },
      },
      8,
    );
    applyFrame(b, { kind: "parley.done", data: { finishReason: "stop", steps: 2, usage: usage(3, 3) } }, 9);
    const m = build(b);
    expect(m.parts).toEqual([
      {
        type: "tool-call",
        id: "c1",
        name: "get_weather",
        arguments: '{"city":"Paris"}',
        status: "done",
        result: '{"t":20}',
        durationMs: 12,
        step: 0,
      },
      { type: "text", text: "It is 20°C." },
    ]);
    expect(m.meta.usage).toEqual(usage(3, 3));
    expect(m.step).toBe(1);
  });

  it("keeps the object identity of parts that did not change, so memoised views skip them", () => {
    const b = createMessageBuilder({ startedAt: 0 });
    applyFrame(b, chunk({ reasoning_content: "think" }), 1);
    applyFrame(b, chunk({ content: "a" }), 2);
    const first = build(b);
    applyFrame(b, chunk({ content: "b" }), 3);
    const second = build(b);
    expect(second.parts[0]).toBe(first.parts[0]);
    expect(second.parts[1]).not.toBe(first.parts[1]);
    expect(second.parts[1]).toEqual({ type: "text", text: "ab" });
    expect(build(b).parts[1]).toBe(second.parts[1]);
  });

  it("keeps the partial answer when the user stops, marked stopped", () => {
    const b = createMessageBuilder({ startedAt: 0 });
    applyFrame(b, chunk({ content: "Half" }), 5);
    markStopped(b, 9);
    const m = build(b);
    expect(m.status).toBe("stopped");
    expect(m.parts).toEqual([{ type: "text", text: "Half" }]);
    expect(m.meta.totalMs).toBe(9);
    expect(m.meta.truncated).toBe(false);
  });

  it("keeps what streamed before an error, and the error in words", () => {
    const b = feed([
      chunk({ content: "Partial" }),
      {
        kind: "parley.error",
        data: { code: "rate_limited", message: "Try again in 30 s.", retryAfterSeconds: 30 },
      },
      { kind: "parley.done", data: { finishReason: null, steps: 1, usage: null } },
    ]);
    const m = build(b);
    expect(m.status).toBe("error");
    expect(m.parts).toEqual([{ type: "text", text: "Partial" }]);
    expect(m.meta.error).toEqual({
      code: "rate_limited",
      message: "Try again in 30 s.",
      retryAfterSeconds: 30,
    });
  });

  it("marks a running tool as failed when the turn errors", () => {
    const b = feed([
      call("c1", "calculator", "{}"),
      { kind: "parley.tool_start", data: { step: 0, id: "c1", name: "calculator", arguments: "{}" } },
      { kind: "parley.error", data: { code: "connection_lost", message: "Lost." } },
    ]);
    expect(build(b).parts[0]).toMatchObject({ status: "error" });
  });

  it("marks an answer that ended without a finish reason as truncated", () => {
    const b = feed([
      { kind: "parley.step", data: { step: 0, model: "m" } },
      chunk({ content: "cut" }),
      { kind: "parley.step_end", data: { step: 0, finishReason: null, truncated: true, usage: null } },
      { kind: "parley.done", data: { finishReason: null, steps: 1, usage: null } },
    ]);
    expect(build(b).meta.truncated).toBe(true);
  });

  it("shows refusals, and no text bubble for whitespace before a tool call", () => {
    const b = feed([chunk({ content: "\n\n" }), chunk({ refusal: "No." }, "stop")]);
    expect(build(b).parts).toEqual([{ type: "refusal", text: "No." }]);
  });

  it("keeps reasoning details (signatures) on the reasoning part", () => {
    const b = feed([
      chunk({
        reasoning: "r",
        reasoning_details: [{ type: "reasoning.text", text: "r", signature: "sig", index: 0 }],
      }),
      chunk({ content: "a" }, "stop"),
    ]);
    expect(build(b).parts[0]).toMatchObject({
      type: "reasoning",
      text: "r",
      details: [{ signature: "sig" }],
    });
  });

  it("shows an unexecuted call from a replayed stream as done once the turn ends", () => {
    const b = feed([
      call("c1", "weather", '{"location":"Florence"}'),
      chunk({}, "tool_calls"),
      { kind: "parley.done", data: { finishReason: "tool_calls", steps: 1, usage: null } },
    ]);
    expect(build(b).parts).toMatchObject([
      { type: "tool-call", status: "done", arguments: '{"location":"Florence"}' },
    ]);
  });
});
