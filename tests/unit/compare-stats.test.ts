import { describe, expect, it } from "vitest";
import { quantile, summarise } from "@/lib/compare/stats";

describe("compare stats", () => {
  it("gives median, min and max, and no p90 below ten runs", () => {
    expect(summarise([5, 1, 3])).toEqual({ n: 3, median: 3, min: 1, max: 5 });
    expect(summarise([4, 1, 3, 2])).toEqual({ n: 4, median: 2.5, min: 1, max: 4 });
  });

  it("adds p90 from ten runs, interpolated between ranks", () => {
    const s = summarise([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s?.p90).toBeCloseTo(9.1, 10);
    expect(s?.median).toBe(5.5);
  });

  it("leaves out missing figures and answers null when none is left", () => {
    expect(summarise([null, 2, undefined, Number.NaN])).toEqual({ n: 1, median: 2, min: 2, max: 2 });
    expect(summarise([null])).toBeNull();
    expect(quantile([], 0.5)).toBeNaN();
  });
});
