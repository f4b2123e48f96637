import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** `npm run gateway:assemble -- FILE` must agree with EXPECTED.json on every recorded body. */
const root = path.resolve(__dirname, "../..");
const DIR = path.join(root, "tests/fixtures/recorded");
const EXPECTED = JSON.parse(readFileSync(path.join(DIR, "EXPECTED.json"), "utf8")) as Record<
  string,
  Record<string, unknown>
>;

describe("npm run gateway:assemble", () => {
  it("prints one JSON object per file that matches EXPECTED.json", () => {
    const files = Object.keys(EXPECTED).sort();
    const out = execFileSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/gateway-assemble.ts", ...files.map((f) => path.join(DIR, f))],
      { cwd: root, encoding: "utf8" },
    );
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(files.length);
    lines.forEach((got, i) => {
      const want = EXPECTED[files[i]!]!;
      expect(Object.keys(got)).toEqual([
        "content",
        "reasoning",
        "tool_calls",
        "finish_reason",
        "usage",
        "error",
      ]);
      for (const key of ["content", "reasoning", "tool_calls", "finish_reason", "usage"])
        expect(got[key]).toEqual(want[key]);
      expect(got.error).toBeNull();
    });
  });

  it("reports an error carried inside the body", () => {
    const body =
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\nevent: error\ndata: {"error":{"message":"overloaded"}}\n\n';
    const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/gateway-assemble.ts", "-"], {
      cwd: root,
      input: body,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toMatchObject({
      content: "a",
      error: { message: "overloaded" },
      finish_reason: null,
    });
  });
});
