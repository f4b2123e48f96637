import { describe, expect, it } from "vitest";
import { describeError } from "@/lib/errors/describe";
import { errorMessage } from "@/lib/errors/wording";
import { budgetRefusal, countFrom, rateRefusal } from "@/lib/usage/limit-rules";
import { describeReset, periodEnd, periodStart, rateWindow } from "@/lib/usage/windows";

const now = new Date("2025-07-14T21:30:15.500Z");

describe("limit windows", () => {
  it("days and months start and end at 00:00 UTC", () => {
    expect(periodStart("daily", now).toISOString()).toBe("2025-07-14T00:00:00.000Z");
    expect(periodEnd("daily", now).toISOString()).toBe("2025-07-15T00:00:00.000Z");
    expect(periodStart("monthly", now).toISOString()).toBe("2025-07-01T00:00:00.000Z");
    expect(periodEnd("monthly", now).toISOString()).toBe("2025-08-01T00:00:00.000Z");
    expect(periodEnd("monthly", new Date("2025-12-31T23:59:59Z")).toISOString()).toBe(
      "2026-01-01T00:00:00.000Z",
    );
    expect(describeReset("daily", now)).toBe("00:00 UTC");
    expect(describeReset("monthly", now)).toBe("00:00 UTC on 1 August");
  });

  it("a fixed request window knows its start and the whole seconds left", () => {
    expect(rateWindow(now, 60)).toEqual({ start: new Date("2025-07-14T21:30:00.000Z"), resetsInSeconds: 45 });
    expect(rateWindow(new Date("2025-07-14T21:30:59.900Z"), 60).resetsInSeconds).toBe(1);
    expect(rateWindow(now, 2).start.toISOString()).toBe("2025-07-14T21:30:14.000Z");
  });

  it("spend counts from an admin's reset when it is later than the period's start", () => {
    const start = periodStart("daily", now);
    expect(countFrom(start, null)).toBe(start);
    expect(countFrom(start, new Date("2025-07-13T00:00:00Z"))).toBe(start);
    const reset = new Date("2025-07-14T12:00:00Z");
    expect(countFrom(start, reset)).toBe(reset);
  });
});

describe("limit rules", () => {
  it("refuses at the budget, not below it, and names the period, the scope and the reset", () => {
    expect(budgetRefusal([{ scope: "user", period: "daily", limitUsd: 1, spentUsd: 0.99 }], now)).toBeNull();
    const r = budgetRefusal([{ scope: "user", period: "daily", limitUsd: 1, spentUsd: 1 }], now);
    expect(r?.code).toBe("budget_exceeded");
    expect(r?.retryAfterSeconds).toBe(8985);
    const words = errorMessage("budget_exceeded", r?.context);
    expect(words).toContain("Your daily budget of $1.00 is used up");
    expect(words).toContain("resets at 00:00 UTC");
  });

  it("a monthly budget wins over a daily one, a user's over its group's", () => {
    const r = budgetRefusal(
      [
        { scope: "group", period: "daily", limitUsd: 1, spentUsd: 5 },
        { scope: "group", period: "monthly", limitUsd: 2, spentUsd: 5 },
        { scope: "user", period: "daily", limitUsd: 1, spentUsd: 5 },
      ],
      now,
    );
    expect(r?.context).toMatchObject({ limitScope: "group", limitPeriod: "monthly" });
    expect(errorMessage("budget_exceeded", r?.context)).toContain(
      "Your group's monthly budget of $2.00 is used up; nothing was sent to the model. It resets at 00:00 UTC on 1 August.",
    );
  });

  it("the per-minute limit lets `limit` requests through and says when it resets", () => {
    expect(rateRefusal([{ scope: "user", limit: 2, count: 2 }], 42)).toBeNull();
    const r = rateRefusal(
      [
        { scope: "user", limit: 5, count: 3 },
        { scope: "group", limit: 2, count: 3 },
      ],
      42,
    );
    expect(r?.code).toBe("user_rate_limited");
    const words = describeError({
      code: "user_rate_limited",
      message: errorMessage("user_rate_limited", r?.context),
    });
    expect(words.title).toBe("You are sending requests too quickly.");
    expect(words.detail).toBe(
      "Your group's limit of 2 requests per minute is reached; nothing was sent to the model. It resets in 42 s.",
    );
  });
});
