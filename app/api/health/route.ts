import { getDb } from "@/lib/db/client";
import { healthReport } from "@/lib/observability/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/**
 * `GET /api/health`: liveness, touches no database and no gateway.
 * `GET /api/health?ready`: readiness, answers once the database is open and migrated (503 until
 * then). Tests and load balancers wait on it, so no request races the database's start-up work.
 * `GET /api/health?deep` (or `?full`): every dependency, timed (lib/observability/health.ts). 200
 * while the database (and Redis, when configured) answer, even if the gateway does not
 * ("degraded"); 503 ("down") otherwise.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  if (params.has("deep") || params.has("full")) {
    const report = await healthReport();
    return Response.json(report, { status: report.status === "down" ? 503 : 200, headers: NO_STORE });
  }
  if (!params.has("ready")) return Response.json({ ok: true }, { headers: NO_STORE });
  try {
    await getDb();
    return Response.json({ ok: true, database: "ready" }, { headers: NO_STORE });
  } catch {
    return Response.json({ ok: false, database: "unavailable" }, { status: 503, headers: NO_STORE });
  }
}
