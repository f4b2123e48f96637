import { z } from "zod";
import { batchCsv, batchJson, type ExportRun } from "@/lib/compare/export";
import { comparisonView } from "@/lib/compare/view";
import { listBatches, listRuns, listVotes } from "@/lib/db/queries/comparisons";
import { attachmentDisposition, handle, notFoundError, parseQuery, session } from "../../../_lib/http";
import { type IdCtx, ownComparison } from "../../_lib";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ batch: z.uuid().optional(), format: z.enum(["csv", "json"]).default("csv") });

/**
 * `GET /api/comparisons/<id>/export?batch=<id>&format=csv|json`: a run's answers and metrics, one
 * row per column per repeat (the latest batch when none is named). Models of an unvoted blind
 * batch are left out.
 */
export const GET = handle(async (request: Request, { params }: IdCtx) => {
  const { id } = await params;
  const q = parseQuery(querySchema, request);
  const { db, userId } = await session(request);
  const c = await ownComparison(db, userId, id);
  const batches = await listBatches(db, { userId, comparisonId: c.id });
  const view = comparisonView(
    c,
    batches,
    await listRuns(db, { userId, comparisonId: c.id }),
    await listVotes(db, { userId, batchIds: batches.map((b) => b.id) }),
  );
  const batch = q.batch ? view.batches.find((b) => b.id === q.batch) : view.batches.at(-1);
  if (!batch) throw notFoundError("run");
  const runs: ExportRun[] = view.runs
    .filter((r) => r.batchId === batch.id)
    .map((r) => ({
      repeat: r.repeat,
      column: r.column,
      label: r.label,
      model: r.model ?? "(hidden)",
      status: r.status ?? "unknown",
      parts: r.parts ?? [],
      metrics: r.metrics,
    }));
  const name = `comparison-${c.id.slice(0, 8)}-turn-${batch.turn + 1}`;
  if (q.format === "json") {
    return new Response(JSON.stringify(batchJson(batch, runs), null, 2), {
      headers: {
        "content-type": "application/json",
        "content-disposition": attachmentDisposition(`${name}.json`),
      },
    });
  }
  return new Response(batchCsv(batch, runs), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(`${name}.csv`),
    },
  });
});
