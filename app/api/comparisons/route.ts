import { columnSettings } from "@/lib/compare/settings";
import { createComparison, listComparisons } from "@/lib/db/queries/comparisons";
import { getModelPolicy } from "@/lib/db/queries/settings";
import { createComparisonSchema } from "@/lib/validations/compare";
import { ApiError, handle, parse, readJson, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/comparisons`: this user's comparisons, newest activity first (models hidden when blind). */
export const GET = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  const rows = await listComparisons(db, { userId });
  return Response.json({
    comparisons: rows.map((r) => ({
      id: r.id,
      title: r.title,
      blind: r.blind,
      columns: r.columns.length,
      models: r.blind ? null : r.columns.map((c) => c.model),
      updatedAt: r.updatedAt,
    })),
  });
});

/** `POST /api/comparisons` `{title?, blind, columns:[{model, params}], shared}` → `{id}` (201). */
export const POST = handle(async (request: Request) => {
  const body = parse(createComparisonSchema, await readJson(request));
  const { db, userId } = await session(request);
  const offered = (await getModelPolicy(db)).offered as readonly string[];
  body.columns.forEach((c, i) => {
    if (!offered.includes(c.model))
      throw new ApiError(400, "bad_request", `columns.${i}.model: ${c.model} is not offered on this Parley.`);
  });
  const created = await createComparison(db, {
    userId,
    title: body.title ?? "",
    blind: body.blind,
    shared: body.shared,
    columns: body.columns.map((c) => ({ ...c, settings: columnSettings(c, body.shared) })),
  });
  return Response.json({ id: created.id }, { status: 201 });
});
