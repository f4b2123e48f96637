import { describe, expect, it } from "vitest";
import { restoreBuilder, snapshotBuilder } from "@/lib/stream/builder-snapshot";
import type { StreamFrame } from "@/lib/stream/events";
import { applyFrame, build, createMessageBuilder } from "@/lib/stream/message-builder";

const chunk = (delta: object, finish_reason: string | null = null): StreamFrame => ({
  kind: "chunk",
  data: JSON.stringify({ choices: [{ index: 0, delta, finish_reason }] }),
});
const callChunk = chunk(
  {
    tool_calls: [
      {
        index: 0,
        id: "c1",
        type: "function",
        function: { name: "calculator", arguments: '{"expression":"1+1"}' },
      },
    ],
  },
  "tool_calls",
);
const waiting: StreamFrame[] = [
  { kind: "parley.step", data: { step: 0, model: "m" } },
  callChunk,
  { kind: "parley.step_end", data: { step: 0, finishReason: "tool_calls", truncated: false, usage: null } },
  {
    kind: "parley.tool_approval",
    data: {
      step: 0,
      id: "c1",
      name: "calculator",
      arguments: '{"expression":"1+1"}',
      generationId: "g1",
      kind: "approve",
    },
  },
];

function feed(frames: StreamFrame[]) {
  const b = createMessageBuilder({ startedAt: 0, model: "m" });
  frames.forEach((f, i) => {
    applyFrame(b, f, 100 + i);
  });
  return b;
}

describe("a tool call that waits for the user", () => {
  it("shows as awaiting-approval, with where the decision goes", () => {
    const m = build(feed(waiting));
    expect(m.status).toBe("streaming");
    expect(m.parts).toEqual([
      {
        type: "tool-call",
        id: "c1",
        name: "calculator",
        arguments: '{"expression":"1+1"}',
        status: "awaiting-approval",
        awaiting: { generationId: "g1", kind: "approve" },
        step: 0,
      },
    ]);
  });

  it("survives a snapshot (a reload while waiting), then runs when approved", () => {
    const restored = restoreBuilder(JSON.parse(JSON.stringify(snapshotBuilder(feed(waiting)))));
    expect(build(restored).parts[0]).toMatchObject({
      status: "awaiting-approval",
      awaiting: { kind: "approve" },
    });
    applyFrame(
      restored,
      { kind: "parley.tool_start", data: { step: 0, id: "c1", name: "calculator", arguments: "{}" } },
      200,
    );
    expect(build(restored).parts[0]).toMatchObject({ status: "running" });
    expect(build(restored).parts[0]).not.toHaveProperty("awaiting");
  });

  it("a denial is an error result; Stop while waiting ends the card too", () => {
    const denied = feed([
      ...waiting,
      {
        kind: "parley.tool_result",
        data: {
          step: 0,
          id: "c1",
          name: "calculator",
          status: "error",
          result: '{"error":"The user declined to run calculator."}',
          durationMs: 5,
        },
      },
    ]);
    expect(build(denied).parts[0]).toMatchObject({
      status: "error",
      result: '{"error":"The user declined to run calculator."}',
    });
    const stopped = feed([...waiting, { kind: "parley.stopped", data: {} }]);
    expect(build(stopped).parts[0]).toMatchObject({ status: "error" });
    expect(build(stopped).parts[0]).not.toHaveProperty("awaiting");
  });
});
