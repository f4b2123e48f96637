import { describe, expect, it } from "vitest";
import { endReason } from "@/lib/stream/end-reason";
import type { StreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder, markStopped } from "@/lib/stream/message-builder";
import type { MessageMeta } from "@/lib/stream/message-parts";

const chunk = (delta: object, finish_reason: string | null = null): StreamFrame => ({
  kind: "chunk",
  data: JSON.stringify({ choices: [{ index: 0, delta, finish_reason }] }),
});
const step: StreamFrame = { kind: "parley.step", data: { step: 0, model: "anthropic/claude-sonnet-4" } };
const stepEnd = (
  finishReason: "stop" | "length" | "content_filter" | null,
  truncated = false,
): StreamFrame => ({
  kind: "parley.step_end",
  data: { step: 0, finishReason, truncated, usage: null },
});
const done = (finishReason: "stop" | "length" | null = null): StreamFrame => ({
  kind: "parley.done",
  data: { finishReason, steps: 1, usage: null },
});

/** The label the footer shows for a stream the browser received, frame by frame. */
function labelFor(frames: StreamFrame[], stopped = false) {
  const b = createMessageBuilder({ startedAt: 0, model: "anthropic/claude-sonnet-4" });
  frames.forEach((f, i) => {
    applyFrame(b, f, 10 + i);
  });
  if (stopped) markStopped(b, 100);
  const m = build(b);
  return endReason(m.status, m.meta, m.parts);
}

describe("the footer's end label, from real streams", () => {
  it("says nothing for a normal finish", () => {
    expect(labelFor([step, chunk({ content: "Hi" }, "stop"), stepEnd("stop"), done("stop")])).toBeNull();
  });

  it("says nothing about max_tokens when the gateway could not be reached (no chunk, no finish reason)", () => {
    const error: StreamFrame = {
      kind: "parley.error",
      data: { code: "gateway_unreachable", message: "Parley's server could not reach the AI Gateway." },
    };
    expect(labelFor([step, error, done()])).toBeNull();
  });

  it("leaves an error turn to its error box, even when text streamed before the error", () => {
    const cut: StreamFrame = { kind: "parley.error", data: { code: "stream_cut", message: "Cut." } };
    expect(labelFor([step, chunk({ content: "Part" }), stepEnd(null, true), cut, done()])).toBeNull();
  });

  it("says hit max_tokens only for finish_reason length", () => {
    expect(labelFor([step, chunk({ content: "Long" }, "length"), stepEnd("length"), done("length")])).toBe(
      "hit max_tokens",
    );
  });

  it("says cut off for a stream that ended with no finish reason and no error", () => {
    expect(labelFor([step, chunk({ content: "Part" }), stepEnd(null, true), done()])).toBe("cut off");
  });

  it("says stopped when the person stopped it", () => {
    expect(labelFor([step, chunk({ content: "Part" })], true)).toBe("stopped");
  });

  it("says refused for a refusal or a content filter", () => {
    expect(labelFor([step, chunk({ refusal: "No." }, "stop"), stepEnd("stop"), done("stop")])).toBe(
      "refused",
    );
    expect(
      labelFor([step, chunk({ content: "x" }, "content_filter"), stepEnd("content_filter"), done()]),
    ).toBe("refused");
  });
});

describe("endReason", () => {
  const meta = (m: MessageMeta) => m;
  it("never labels an answer that is still streaming, or one that ended in an error", () => {
    expect(endReason("streaming", meta({ finishReason: "length" }), [])).toBeNull();
    expect(endReason("error", meta({ truncated: true }), [])).toBeNull();
    expect(endReason("error", meta({ finishReason: "length" }), [])).toBeNull();
    expect(
      endReason("done", meta({ truncated: true, error: { code: "stalled", message: "x" } }), []),
    ).toBeNull();
  });

  it("does not infer max_tokens from a truncated stream", () => {
    expect(endReason("done", meta({ truncated: true }), [])).toBe("cut off");
    expect(endReason("done", meta({ truncated: true, finishReason: "stop" }), [])).toBeNull();
  });

  it("says interrupted for an answer whose server stopped writing it", () => {
    expect(endReason("interrupted", meta({}), [{ type: "text", text: "Half" }])).toBe("interrupted");
    expect(endReason("interrupted", meta({ truncated: true }), [])).toBe("interrupted");
  });

  it("says nothing without meta", () => {
    expect(endReason("done", undefined, [])).toBeNull();
  });
});
