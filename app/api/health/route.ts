export const dynamic = "force-dynamic";

/** Cheap liveness probe for tests and load balancers: touches no database and no gateway. */
export function GET(): Response {
  return Response.json({ ok: true });
}
