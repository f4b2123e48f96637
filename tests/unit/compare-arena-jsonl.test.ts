import { describe, expect, it } from "vitest";
import { ArenaParseError, parseArenaJsonl, toArenaJsonl } from "@/lib/compare/arena-jsonl";

describe("arena JSON lines", () => {
  it("round-trips votes, keeps tags, ignores extra fields and blank lines", () => {
    const text =
      '{"model_a":"a","model_b":"b","winner":"model_a","tag":"code","question_id":"x"}\n\n' +
      '{"model_a":"b","model_b":"c","winner":"tie (bothbad)"}\r\n';
    const votes = parseArenaJsonl(text);
    expect(votes).toEqual([
      { model_a: "a", model_b: "b", winner: "model_a", tag: "code" },
      { model_a: "b", model_b: "c", winner: "tie (bothbad)" },
    ]);
    expect(parseArenaJsonl(toArenaJsonl(votes))).toEqual(votes);
    expect(toArenaJsonl(votes).split("\n")[0]).toBe(
      '{"model_a":"a","model_b":"b","winner":"model_a","tag":"code"}',
    );
  });

  it("names the bad line", () => {
    const bad =
      '{"model_a":"a","model_b":"b","winner":"model_a"}\n{"model_a":"a","model_b":"b","winner":"a"}';
    expect(() => parseArenaJsonl(bad)).toThrow(ArenaParseError);
    expect(() => parseArenaJsonl(bad)).toThrow(/^line 2: winner/);
    expect(() => parseArenaJsonl("{nope")).toThrow("line 1: not valid JSON");
    expect(() => parseArenaJsonl('{"model_a":"a","model_b":"a","winner":"tie"}')).toThrow(/same model/);
  });

  it("caps the number of votes", () => {
    const line = '{"model_a":"a","model_b":"b","winner":"tie"}\n';
    expect(() => parseArenaJsonl(line.repeat(3), 2)).toThrow(/at most 2 votes/);
  });
});
