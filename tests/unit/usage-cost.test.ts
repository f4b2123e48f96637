import { describe, expect, it } from "vitest";
import { costOf, DEFAULT_PRICES, parsePrices, tokenCounts } from "@/lib/usage/cost";

describe("usage cost", () => {
  it("prices both default models at $3 / $15 per million input / output tokens", () => {
    for (const model of ["anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4.6"]) {
      expect(costOf({ prompt_tokens: 1_000_000, completion_tokens: 0 }, model, DEFAULT_PRICES)).toBe(3);
      expect(costOf({ prompt_tokens: 0, completion_tokens: 1_000_000 }, model, DEFAULT_PRICES)).toBe(15);
    }
    expect(
      costOf({ prompt_tokens: 1000, completion_tokens: 200 }, "anthropic/claude-sonnet-4", DEFAULT_PRICES),
    ).toBeCloseTo(0.003 + 0.003, 10);
  });

  it("takes the gateway's own cost when it reports one, even zero", () => {
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, cost: 0.42 };
    expect(costOf(usage, "anthropic/claude-sonnet-4", DEFAULT_PRICES)).toBe(0.42);
    expect(costOf({ ...usage, cost: 0 }, "anthropic/claude-sonnet-4", DEFAULT_PRICES)).toBe(0);
  });

  it("bills reasoning as output, once, even when a gateway leaves it out of completion_tokens", () => {
    const inside = {
      prompt_tokens: 0,
      completion_tokens: 100,
      completion_tokens_details: { reasoning_tokens: 60 },
    };
    expect(tokenCounts(inside)).toEqual({ prompt: 0, completion: 100, reasoning: 60 });
    expect(costOf(inside, "anthropic/claude-sonnet-4.6", DEFAULT_PRICES)).toBeCloseTo(0.0015, 10);
    const outside = {
      prompt_tokens: 0,
      completion_tokens: 0,
      completion_tokens_details: { reasoning_tokens: 60 },
    };
    expect(tokenCounts(outside).completion).toBe(60);
  });

  it("an unknown model without a gateway cost is $0; junk counts are zero", () => {
    expect(costOf({ prompt_tokens: 10, completion_tokens: 10 }, "someone/else", DEFAULT_PRICES)).toBe(0);
    expect(tokenCounts({ prompt_tokens: -3, completion_tokens: Number.NaN })).toEqual({
      prompt: 0,
      completion: 0,
      reasoning: 0,
    });
  });

  it("PARLEY_PRICES overrides model by model and keeps the other defaults", () => {
    const table = parsePrices(
      '{"anthropic/claude-sonnet-4":{"input":1,"output":2},"x/y":{"input":0.5,"output":1}}',
    );
    expect(table["anthropic/claude-sonnet-4"]).toEqual({ input: 1, output: 2 });
    expect(table["anthropic/claude-sonnet-4.6"]).toEqual({ input: 3, output: 15 });
    expect(table["x/y"]).toEqual({ input: 0.5, output: 1 });
    expect(parsePrices(undefined)).toEqual(DEFAULT_PRICES);
    expect(() => parsePrices("{")).toThrow(/not valid JSON/);
    expect(() => parsePrices('{"m":{"input":-1,"output":1}}')).toThrow(/PARLEY_PRICES/);
  });
});
