import { describe, expect, it } from "vitest";
import { paceFor, parseMarkers, stripMarkers } from "@/lib/gateway-emulator/markers";

describe("emulator per-model pacing", () => {
  it("gives each model its own pace over the general one, and strips the markers", () => {
    const text =
      "Compare [pace:chunk=10,size=8] [pace@anthropic/claude-sonnet-4.6:first=300,chunk=20] [pace@anthropic/claude-sonnet-4:first=100]";
    const m = parseMarkers(text);
    expect(paceFor(m, "anthropic/claude-sonnet-4.6")).toEqual({ firstMs: 300, chunkMs: 20, size: 8 });
    expect(paceFor(m, "anthropic/claude-sonnet-4")).toEqual({ firstMs: 100, chunkMs: 10, size: 8 });
    expect(paceFor(m, "other")).toEqual({ chunkMs: 10, size: 8 });
    expect(stripMarkers(text)).toBe("Compare");
  });
});
