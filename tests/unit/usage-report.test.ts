import { describe, expect, it } from "vitest";
import { USAGE_CSV_HEADER, usageCsv } from "@/lib/usage/csv";
import { sumBy, totals, type UsageRowView } from "@/lib/usage/summarise";

const row = (over: Partial<UsageRowView>): UsageRowView => ({
  day: "2025-07-14",
  userId: "u1",
  userName: "Ada",
  model: "anthropic/claude-sonnet-4",
  requests: 1,
  promptTokens: 10,
  completionTokens: 5,
  reasoningTokens: 0,
  costUsd: 0.5,
  ...over,
});

describe("usage report", () => {
  const rows = [
    row({}),
    row({ day: "2025-07-13", userName: "Bob", userId: "u2", costUsd: 2 }),
    row({ model: "anthropic/claude-sonnet-4.6", costUsd: 1 }),
  ];

  it("sums by day in date order and by user or model by spend", () => {
    expect(sumBy(rows, "day").map((s) => [s.key, s.costUsd])).toEqual([
      ["2025-07-13", 2],
      ["2025-07-14", 1.5],
    ]);
    expect(sumBy(rows, "user").map((s) => s.key)).toEqual(["Bob", "Ada"]);
    expect(sumBy(rows, "model")[0]).toEqual({
      key: "anthropic/claude-sonnet-4",
      costUsd: 2.5,
      tokens: 30,
      requests: 2,
    });
    expect(totals(rows)).toEqual({ costUsd: 3.5, tokens: 45, requests: 3 });
  });

  it("writes one CSV line per row, quoting commas and defusing formulas", () => {
    const csv = usageCsv([row({ userName: "=HYPERLINK(1)" }), row({ userName: 'Smith, "J"' })]);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(USAGE_CSV_HEADER.join(","));
    expect(lines[1]).toBe("2025-07-14,u1,'=HYPERLINK(1),anthropic/claude-sonnet-4,1,10,5,0,0.500000");
    expect(lines[2]).toBe('2025-07-14,u1,"Smith, ""J""",anthropic/claude-sonnet-4,1,10,5,0,0.500000');
  });
});
