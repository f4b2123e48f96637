import "server-only";
import type { Db } from "@/lib/db/connect";
import { cachedLimitsFor, incrementCounter, pruneCounters, spendSince } from "@/lib/db/queries/usage";
import type { UsageLimitRow } from "@/lib/db/schema";
import { serverEnv } from "@/lib/env";
import type { ErrorCode } from "@/lib/errors/codes";
import type { ErrorContext } from "@/lib/errors/wording";
import { errorMessage } from "@/lib/errors/wording";
import { redis, redisConfigured } from "@/lib/redis/connection";
import {
  type BudgetCheck,
  budgetRefusal,
  countFrom,
  type RateCheck,
  rateRefusal,
  type Scope,
} from "./limit-rules";
import { type Period, periodStart, rateWindow } from "./windows";

/** A request refused by a budget or rate limit: 429, a code, and words saying which and when. */
export class LimitReached extends Error {
  readonly status = 429;
  constructor(
    readonly code: ErrorCode,
    readonly context: ErrorContext,
    readonly retryAfterSeconds: number,
  ) {
    super(errorMessage(code, context));
    this.name = "LimitReached";
  }
}

type Subject = { scope: Scope; row: UsageLimitRow; userIds: string[] };

/**
 * Checks the user's and their groups' budgets and counts this request against their per-minute
 * limits; throws LimitReached when one is reached. Call it before anything is sent to the gateway.
 * Spend comes from the database (usage_events); request counts from Redis when REDIS_URL is set,
 * else from the database, so the limits hold across instances either way.
 */
export async function enforceLimits(db: Db, userId: string, now = new Date()): Promise<void> {
  const found = await cachedLimitsFor(db, userId);
  const subjects: Subject[] = [
    ...(found.user ? [{ scope: "user" as const, row: found.user, userIds: [userId] }] : []),
    ...found.groups.map((g) => ({ scope: "group" as const, row: g.row, userIds: g.memberIds })),
  ];
  if (subjects.length === 0) return;

  const budgets: BudgetCheck[] = [];
  for (const s of subjects) {
    for (const [period, limit] of [
      ["daily", s.row.dailyUsd],
      ["monthly", s.row.monthlyUsd],
    ] as [Period, string | null][]) {
      if (limit === null) continue;
      const since = countFrom(periodStart(period, now), s.row.spendResetAt);
      const spentUsd = await spendSince(db, { userIds: s.userIds, since });
      budgets.push({ scope: s.scope, period, limitUsd: Number(limit), spentUsd });
    }
  }
  const over = budgetRefusal(budgets, now);
  if (over) throw new LimitReached(over.code, over.context, over.retryAfterSeconds);

  const seconds = serverEnv().PARLEY_RATE_WINDOW_SECONDS;
  const window = rateWindow(now, seconds);
  const rates: RateCheck[] = [];
  for (const s of subjects) {
    if (s.row.requestsPerMinute === null) continue;
    const key = `${s.scope}:${s.row.subjectId}`;
    const count = await countRequest(db, key, window.start, seconds);
    rates.push({ scope: s.scope, limit: s.row.requestsPerMinute, count });
  }
  const fast = rateRefusal(rates, window.resetsInSeconds);
  if (fast) throw new LimitReached(fast.code, fast.context, fast.retryAfterSeconds);
}

async function countRequest(db: Db, key: string, windowStart: Date, seconds: number): Promise<number> {
  if (redisConfigured()) {
    const k = `parley:rate:${key}:${windowStart.getTime()}`;
    const [[, count]] = (await redis()
      .multi()
      .incr(k)
      .expire(k, seconds * 2)
      .exec()) as [[Error | null, number]];
    return count;
  }
  // Now and then, forget windows that ended long ago.
  if (Math.random() < 0.01) await pruneCounters(db, new Date(windowStart.getTime() - seconds * 2000));
  return incrementCounter(db, { key, windowStart });
}
