import { z } from "zod";
import { listGroups, listLimits, listUsers, saveGroup, upsertLimit } from "@/lib/db/queries/usage";
import type { UsageLimitRow } from "@/lib/db/schema";
import { ApiError, handle, parse, readJson, requireAdmin } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const view = (row: UsageLimitRow | undefined) => ({
  dailyUsd: row?.dailyUsd == null ? null : Number(row.dailyUsd),
  monthlyUsd: row?.monthlyUsd == null ? null : Number(row.monthlyUsd),
  requestsPerMinute: row?.requestsPerMinute ?? null,
  spendResetAt: row?.spendResetAt ?? null,
});

/** `GET /api/admin/limits`: every user and group with its limits (null: none). */
export const GET = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  const [users, groups, limits] = await Promise.all([listUsers(db), listGroups(db), listLimits(db)]);
  const find = (scope: string, id: string) => limits.find((l) => l.scope === scope && l.subjectId === id);
  return Response.json({
    users: users.map((u) => ({ ...u, limits: view(find("user", u.id)) })),
    groups: groups.map((g) => ({ ...g, limits: view(find("group", g.id)) })),
  });
});

const usd = z.number().min(0).max(1_000_000).nullable().optional();
const limitFields = {
  dailyUsd: usd,
  monthlyUsd: usd,
  requestsPerMinute: z.number().int().min(1).max(100_000).nullable().optional(),
  /** Forget what was spent so far: budgets count from now. */
  resetSpend: z.boolean().optional(),
};
const putSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("user"), id: z.uuid(), ...limitFields }),
  z.object({
    scope: z.literal("group"),
    /** Absent: a new group (name required). */
    id: z.uuid().optional(),
    name: z.string().trim().min(1).max(100).optional(),
    memberIds: z.array(z.uuid()).max(10_000).optional(),
    ...limitFields,
  }),
]);

/**
 * `PUT /api/admin/limits`: sets one user's or group's limits (fields left out keep their value;
 * null removes a limit), creates or renames a group and replaces its members, or resets spend.
 */
export const PUT = handle(async (request: Request) => {
  const body = parse(putSchema, await readJson(request, 1024 * 1024));
  const { db } = await requireAdmin(request);
  let id = body.id;
  if (body.scope === "group" && (body.name !== undefined || body.memberIds !== undefined || !id)) {
    const name = body.name ?? (await listGroups(db)).find((g) => g.id === id)?.name;
    if (!name) throw new ApiError(400, "bad_request", "name: a new group needs a name.", "name");
    id = await saveGroup(db, {
      ...(id ? { id } : {}),
      name,
      ...(body.memberIds ? { memberIds: body.memberIds } : {}),
    });
  }
  const subjectId = id as string;
  const current = view(
    (await listLimits(db)).find((l) => l.scope === body.scope && l.subjectId === subjectId),
  );
  await upsertLimit(db, {
    scope: body.scope,
    subjectId,
    dailyUsd: body.dailyUsd === undefined ? current.dailyUsd : body.dailyUsd,
    monthlyUsd: body.monthlyUsd === undefined ? current.monthlyUsd : body.monthlyUsd,
    requestsPerMinute:
      body.requestsPerMinute === undefined ? current.requestsPerMinute : body.requestsPerMinute,
    resetSpend: body.resetSpend === true,
  });
  return Response.json({ scope: body.scope, id: subjectId });
});
