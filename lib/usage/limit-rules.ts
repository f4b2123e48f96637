/**
 * Which limit a request hits, decided from numbers already fetched. Pure, so the rules are unit
 * tested without a database or Redis; lib/usage/limits.ts gathers the numbers.
 */
import type { ErrorCode } from "../errors/codes";
import type { ErrorContext } from "../errors/wording";
import { describeReset, type Period, periodEnd } from "./windows";

export type Scope = "user" | "group";

export type BudgetCheck = { scope: Scope; period: Period; limitUsd: number; spentUsd: number };
export type RateCheck = { scope: Scope; limit: number; count: number };

export type Refusal = { code: ErrorCode; context: ErrorContext; retryAfterSeconds: number };

/**
 * The budget that is used up, if any. A monthly budget wins over a daily one (it lasts longer, so
 * it is what the person needs to know), and a user's own over its group's at the same period.
 */
export function budgetRefusal(checks: BudgetCheck[], now: Date): Refusal | null {
  const order = (c: BudgetCheck) => (c.period === "monthly" ? 0 : 2) + (c.scope === "user" ? 0 : 1);
  const hit = checks.filter((c) => c.spentUsd >= c.limitUsd).sort((a, b) => order(a) - order(b))[0];
  if (!hit) return null;
  return {
    code: "budget_exceeded",
    context: {
      limitScope: hit.scope,
      limitPeriod: hit.period,
      limitUsd: hit.limitUsd,
      resetsAt: describeReset(hit.period, now),
    },
    retryAfterSeconds: Math.ceil((periodEnd(hit.period, now).getTime() - now.getTime()) / 1000),
  };
}

/** The per-minute limit this request goes over (counts include this request), if any. */
export function rateRefusal(checks: RateCheck[], resetsInSeconds: number): Refusal | null {
  const hit = checks.find((c) => c.count > c.limit);
  if (!hit) return null;
  return {
    code: "user_rate_limited",
    context: { limitScope: hit.scope, limit: hit.limit, retryAfterSeconds: resetsInSeconds },
    retryAfterSeconds: resetsInSeconds,
  };
}

/** Spend counts from the later of the period's start and an admin's reset. */
export function countFrom(periodStart: Date, resetAt: Date | null): Date {
  return resetAt && resetAt > periodStart ? resetAt : periodStart;
}
