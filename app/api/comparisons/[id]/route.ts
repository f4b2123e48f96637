import { comparisonView } from "@/lib/compare/view";
import { deleteComparison, listBatches, listRuns, listVotes } from "@/lib/db/queries/comparisons";
import { handle, notFoundError, session } from "../../_lib/http";
import { type IdCtx, ownComparison } from "../_lib";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /api/comparisons/<id>`: the comparison, its batches and every run with its answer, the
 * resume fields of answers still streaming, and the metrics the server measured.
 */
export const GET = handle(async (request: Request, { params }: IdCtx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const c = await ownComparison(db, userId, id);
  const batches = await listBatches(db, { userId, comparisonId: c.id });
  const runs = await listRuns(db, { userId, comparisonId: c.id });
  const votes = await listVotes(db, { userId, batchIds: batches.map((b) => b.id) });
  return Response.json(comparisonView(c, batches, runs, votes));
});

/** `DELETE /api/comparisons/<id>`: the comparison, its columns' conversations and runs (votes stay). */
export const DELETE = handle(async (request: Request, { params }: IdCtx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  if (!(await deleteComparison(db, { userId, id }))) throw notFoundError("comparison");
  return new Response(null, { status: 204 });
});
