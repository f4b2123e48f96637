import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assembleText, parseSseText } from "@/lib/stream/assembler";

/** Every real gateway body we have, assembled and compared with what a correct client gets. */
const DIR = path.resolve(__dirname, "../fixtures/recorded");
const EXPECTED = JSON.parse(readFileSync(path.join(DIR, "EXPECTED.json"), "utf8")) as Record<
  string,
  {
    content: string | null;
    reasoning: string | null;
    reasoning_field: string | null;
    tool_calls: { id: string; name: string; arguments: string }[];
    finish_reason: string | null;
    usage: unknown;
    chunk_count: number | null;
  }
>;
const bodies = readdirSync(DIR).filter(
  (f) => /\.(sse|json)$/.test(f) && !f.endsWith(".request.json") && f !== "EXPECTED.json",
);

describe("the assembler on recorded gateway bodies", () => {
  it("has an expectation for every recorded body", () => {
    expect(bodies.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of bodies) {
    it(`assembles ${file} as EXPECTED.json says`, () => {
      const expected = EXPECTED[file]!;
      const m = assembleText(readFileSync(path.join(DIR, file), "utf8"));
      expect(m.content).toEqual(expected.content);
      expect(m.reasoning).toEqual(expected.reasoning);
      expect(m.reasoningField).toEqual(expected.reasoning_field);
      expect(m.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args }))).toEqual(
        expected.tool_calls,
      );
      expect(m.finishReason).toEqual(expected.finish_reason);
      expect(m.usage).toEqual(expected.usage);
      expect(m.error).toBeNull();
      expect(m.truncated).toBe(false);
      if (expected.chunk_count !== null) expect(m.chunkCount).toBe(expected.chunk_count);
    });
  }

  it("keeps the thinking signature of a recorded thinking stream for the next turn", () => {
    const file = bodies.find((f) => f.includes("sig-thinking-streaming"))!;
    const m = assembleText(readFileSync(path.join(DIR, file), "utf8"));
    expect(m.reasoningDetails).toHaveLength(1);
    expect(m.reasoningDetails[0]!.text).toBe(m.reasoning);
    expect(m.reasoningDetails[0]!.signature).toMatch(/^.{20,}$/);
  });

  it("reads the same events whatever the line endings", () => {
    const file = bodies.find((f) => f.endsWith(".sse"))!;
    const lf = readFileSync(path.join(DIR, file), "utf8").replace(/\r\n?/g, "\n");
    const crlf = lf.replace(/\n/g, "\r\n");
    const cr = lf.replace(/\n/g, "\r");
    expect(parseSseText(crlf)).toEqual(parseSseText(lf));
    expect(parseSseText(cr)).toEqual(parseSseText(lf));
    expect(assembleText(cr)).toEqual(assembleText(lf));
  });
});
