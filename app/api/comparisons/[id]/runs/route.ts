import { startBatch } from "@/lib/compare/run-batch";
import { ensureEmbeddedGateway } from "@/lib/gateway/embedded";
import { TurnRefused } from "@/lib/relay/start-turn";
import { LIMITS } from "@/lib/validations/chat";
import { runBatchSchema } from "@/lib/validations/compare";
import { ApiError, handle, parse, readJson, session } from "../../../_lib/http";
import { type IdCtx, ownComparison } from "../../_lib";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `POST /api/comparisons/<id>/runs` `{content, repeats: 1–20, mode: "sequential"|"concurrent"}`:
 * sends the prompt to every column (after each column's own history), `repeats` times. Answers
 * 202 with the batch id once the first repeat's generations exist; the rest run on the server.
 * Follow progress with GET /api/comparisons/<id> and each run's GET /api/generations/<id>/stream.
 */
export const POST = handle(async (request: Request, { params }: IdCtx) => {
  const { id } = await params;
  const body = parse(runBatchSchema, await readJson(request, LIMITS.bodyBytes));
  const { db, userId } = await session(request);
  const c = await ownComparison(db, userId, id);
  await ensureEmbeddedGateway();
  try {
    const { batch } = await startBatch(db, userId, c, body);
    return Response.json({ batchId: batch.id }, { status: 202 });
  } catch (e) {
    if (e instanceof TurnRefused) throw new ApiError(e.status, e.code, e.message);
    throw e;
  }
});
