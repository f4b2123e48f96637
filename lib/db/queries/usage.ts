/**
 * Usage events, limits, groups and rate counters. One function per query; every read that is a
 * person's own takes their userId.
 */
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../connect";
import { newId } from "../ids";
import { cachedRead, forgetCached } from "../read-cache";
import {
  groupMembers,
  groups,
  type LimitScope,
  rateCounters,
  type UsageKind,
  type UsageLimitRow,
  usageEvents,
  usageLimits,
  users,
} from "../schema";

export type NewUsageEvent = {
  userId: string;
  model: string;
  kind: UsageKind;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  costUsd: number;
  generationId?: string | null;
  apiKeyId?: string | null;
};

/** Several rows in one statement (lib/usage/record.ts groups the answers that end together). */
export async function insertUsageEvents(db: Db, rows: NewUsageEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(usageEvents).values(
    rows.map((e) => ({
      id: newId(),
      userId: e.userId,
      model: e.model,
      kind: e.kind,
      promptTokens: e.promptTokens,
      completionTokens: e.completionTokens,
      reasoningTokens: e.reasoningTokens,
      costUsd: e.costUsd.toFixed(8),
      generationId: e.generationId ?? null,
      apiKeyId: e.apiKeyId ?? null,
    })),
  );
}

/** USD spent by these users since `since`. */
export async function spendSince(db: Db, input: { userIds: string[]; since: Date }): Promise<number> {
  if (input.userIds.length === 0) return 0;
  const [row] = await db
    .select({ total: sql<string | null>`sum(${usageEvents.costUsd})` })
    .from(usageEvents)
    .where(and(inArray(usageEvents.userId, input.userIds), gte(usageEvents.createdAt, input.since)));
  return Number(row?.total ?? 0);
}

/** The user's own limits and those of each group they belong to, with the groups' member ids. */
/** limitsFor, remembered for a second (lib/db/read-cache.ts): every chat request reads it. */
export function cachedLimitsFor(db: Db, userId: string): ReturnType<typeof limitsFor> {
  return cachedRead(`limits:${userId}`, () => limitsFor(db, userId));
}

export async function limitsFor(
  db: Db,
  userId: string,
): Promise<{ user: UsageLimitRow | null; groups: { row: UsageLimitRow; memberIds: string[] }[] }> {
  const [user] = await db
    .select()
    .from(usageLimits)
    .where(and(eq(usageLimits.scope, "user"), eq(usageLimits.subjectId, userId)));
  const groupIds = (
    await db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId))
  ).map((r) => r.id);
  if (groupIds.length === 0) return { user: user ?? null, groups: [] };
  const rows = await db
    .select()
    .from(usageLimits)
    .where(and(eq(usageLimits.scope, "group"), inArray(usageLimits.subjectId, groupIds)));
  const members = await db
    .select({ groupId: groupMembers.groupId, userId: groupMembers.userId })
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, groupIds));
  return {
    user: user ?? null,
    groups: rows.map((row) => ({
      row,
      memberIds: members.filter((m) => m.groupId === row.subjectId).map((m) => m.userId),
    })),
  };
}

export type LimitInput = {
  scope: LimitScope;
  subjectId: string;
  dailyUsd: number | null;
  monthlyUsd: number | null;
  requestsPerMinute: number | null;
  resetSpend: boolean;
};

export async function upsertLimit(db: Db, input: LimitInput): Promise<void> {
  const values = {
    dailyUsd: input.dailyUsd === null ? null : String(input.dailyUsd),
    monthlyUsd: input.monthlyUsd === null ? null : String(input.monthlyUsd),
    requestsPerMinute: input.requestsPerMinute,
    updatedAt: new Date(),
    ...(input.resetSpend ? { spendResetAt: new Date() } : {}),
  };
  await db
    .insert(usageLimits)
    .values({ scope: input.scope, subjectId: input.subjectId, ...values })
    .onConflictDoUpdate({ target: [usageLimits.scope, usageLimits.subjectId], set: values });
  forgetCached("limits:");
}

export async function listLimits(db: Db): Promise<UsageLimitRow[]> {
  return db.select().from(usageLimits);
}

export async function listUsers(db: Db): Promise<{ id: string; name: string; email: string | null }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .orderBy(asc(users.name));
}

export async function listGroups(db: Db): Promise<{ id: string; name: string; memberIds: string[] }[]> {
  const all = await db.select().from(groups).orderBy(asc(groups.name));
  const members = await db.select().from(groupMembers);
  return all.map((g) => ({
    id: g.id,
    name: g.name,
    memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.userId),
  }));
}

/** Creates or renames a group and, when given, replaces its members. */
export async function saveGroup(
  db: Db,
  input: { id?: string; name: string; memberIds?: string[] },
): Promise<string> {
  const id = input.id ?? newId();
  forgetCached("limits:");
  return db
    .transaction(async (tx) => {
      await tx
        .insert(groups)
        .values({ id, name: input.name })
        .onConflictDoUpdate({ target: groups.id, set: { name: input.name } });
      if (input.memberIds) {
        await tx.delete(groupMembers).where(eq(groupMembers.groupId, id));
        if (input.memberIds.length > 0) {
          await tx.insert(groupMembers).values(input.memberIds.map((userId) => ({ groupId: id, userId })));
        }
      }
      return id;
    })
    .finally(() => forgetCached("limits:"));
}

/** Adds one request to a fixed window and returns the window's count, in one statement. */
export async function incrementCounter(db: Db, input: { key: string; windowStart: Date }): Promise<number> {
  const [row] = await db
    .insert(rateCounters)
    .values({ key: input.key, windowStart: input.windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateCounters.key, rateCounters.windowStart],
      set: { count: sql`${rateCounters.count} + 1` },
    })
    .returning({ count: rateCounters.count });
  return row?.count ?? 1;
}

/** Old windows are useless; dropped now and then. */
export async function pruneCounters(db: Db, before: Date): Promise<void> {
  await db.delete(rateCounters).where(lt(rateCounters.windowStart, before));
}

export type UsageRow = {
  day: string;
  userId: string;
  userName: string;
  model: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  costUsd: number;
};

/** Spend, tokens and requests by day (UTC), user and model; one user's only when `userId` is set. */
export async function usageByDay(db: Db, input: { since: Date; userId?: string }): Promise<UsageRow[]> {
  const day = sql<string>`to_char(${usageEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const where = input.userId
    ? and(gte(usageEvents.createdAt, input.since), eq(usageEvents.userId, input.userId))
    : gte(usageEvents.createdAt, input.since);
  const rows = await db
    .select({
      day,
      userId: usageEvents.userId,
      userName: users.name,
      model: usageEvents.model,
      requests: sql<string>`count(*)`,
      promptTokens: sql<string>`sum(${usageEvents.promptTokens})`,
      completionTokens: sql<string>`sum(${usageEvents.completionTokens})`,
      reasoningTokens: sql<string>`sum(${usageEvents.reasoningTokens})`,
      costUsd: sql<string>`sum(${usageEvents.costUsd})`,
    })
    .from(usageEvents)
    .innerJoin(users, eq(users.id, usageEvents.userId))
    .where(where)
    .groupBy(day, usageEvents.userId, users.name, usageEvents.model)
    .orderBy(day, users.name, usageEvents.model);
  return rows.map((r) => ({
    day: r.day,
    userId: r.userId,
    userName: r.userName,
    model: r.model,
    requests: Number(r.requests),
    promptTokens: Number(r.promptTokens),
    completionTokens: Number(r.completionTokens),
    reasoningTokens: Number(r.reasoningTokens),
    costUsd: Number(r.costUsd),
  }));
}
