import { describe, expect, it } from "vitest";
import { buildSnapshot, type SnapshotSource } from "@/lib/share/snapshot";

const row = (over: Partial<SnapshotSource>): SnapshotSource => ({
  role: "assistant",
  parts: [],
  status: "done",
  model: null,
  usage: null,
  ttftMs: null,
  totalMs: null,
  finishReason: null,
  error: null,
  ...over,
});

const ATT = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("buildSnapshot", () => {
  it("puts uploads behind the share's image URLs, drops signatures and system messages", () => {
    const snap = buildSnapshot({
      shareId: "abc",
      title: "T",
      model: "anthropic/claude-sonnet-4.6",
      path: [
        row({ role: "system", parts: [{ type: "text", text: "be brief" }] }),
        row({
          role: "user",
          parts: [
            { type: "text", text: "look" },
            { type: "image", url: `/api/attachments/${ATT}`, mediaType: "image/png" },
            { type: "image", url: "https://example.com/x.png" },
          ],
        }),
        row({
          model: "anthropic/claude-sonnet-4.6",
          status: "streaming",
          ttftMs: 120,
          finishReason: "length",
          parts: [
            {
              type: "reasoning",
              text: "hmm",
              durationMs: 900,
              details: [{ type: "reasoning.text" } as never],
            },
            {
              type: "tool-call",
              id: "c1",
              name: "calculator",
              arguments: "{}",
              status: "done",
              result: "7",
              step: 0,
            },
          ],
        }),
      ],
    });
    expect(snap.images).toEqual([ATT]);
    expect(snap.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(snap.messages[0]!.parts[1]).toEqual({
      type: "image",
      url: "/api/shares/abc/images/0",
      mediaType: "image/png",
    });
    expect(snap.messages[0]!.parts[2]).toEqual({ type: "image", url: "https://example.com/x.png" });
    const answer = snap.messages[1]!;
    expect(answer.parts[0]).toEqual({ type: "reasoning", text: "hmm", durationMs: 900 });
    expect(answer.parts[1]).toMatchObject({ type: "tool-call", result: "7" });
    expect(answer.status).toBe("stopped");
    expect(answer.meta).toMatchObject({ model: "anthropic/claude-sonnet-4.6", ttftMs: 120, truncated: true });
    expect(JSON.stringify(snap.messages)).not.toContain("/api/attachments/");
  });
});
