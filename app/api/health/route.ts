import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/**
 * `GET /api/health`: liveness, touches no database and no gateway.
 * `GET /api/health?ready`: readiness, answers once the database is open and migrated (503 until
 * then). Tests and load balancers wait on it, so no request races the database's start-up work.
 */
export async function GET(request: Request): Promise<Response> {
  if (!new URL(request.url).searchParams.has("ready")) return Response.json({ ok: true });
  try {
    await getDb();
    return Response.json({ ok: true, database: "ready" });
  } catch {
    return Response.json({ ok: false, database: "unavailable" }, { status: 503 });
  }
}
