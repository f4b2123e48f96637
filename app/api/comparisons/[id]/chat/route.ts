import { copyColumnToChat } from "@/lib/db/queries/comparisons";
import { toChatSchema } from "@/lib/validations/compare";
import { ApiError, handle, parse, readJson, session } from "../../../_lib/http";
import { type IdCtx, ownComparison } from "../../_lib";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `POST /api/comparisons/<id>/chat` `{column}`: takes that column into a normal chat, a new
 * conversation holding the column's history, and answers `{conversationId}` (open /c/<id>).
 */
export const POST = handle(async (request: Request, { params }: IdCtx) => {
  const { id } = await params;
  const body = parse(toChatSchema, await readJson(request));
  const { db, userId } = await session(request);
  const c = await ownComparison(db, userId, id);
  const column = c.columns[body.column];
  if (!column) throw new ApiError(400, "bad_request", "column: no such column", "column");
  const conversationId = await copyColumnToChat(db, {
    userId,
    conversationId: column.conversationId,
    title: `${c.title || "Comparison"} · ${column.model}`,
  });
  return Response.json({ conversationId }, { status: 201 });
});
