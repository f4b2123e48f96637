import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError, handle } from "@/app/api/_lib/http";
import { serverEnv } from "@/lib/env";
import { metricsContentType, metricsText } from "@/lib/observability/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /api/metrics`: Prometheus text format (lib/observability/metrics.ts). With METRICS_TOKEN set,
 * only a scraper sending `Authorization: Bearer <token>` gets them; metrics name models and error
 * rates, which is not for the open internet.
 */
export const GET = handle(async (request: Request) => {
  const token = serverEnv().METRICS_TOKEN;
  if (token && !bearerMatches(request.headers.get("authorization"), token)) {
    const res = new ApiError(401, "unauthorized", "Metrics need Authorization: Bearer <METRICS_TOKEN>.");
    const response = res.toResponse();
    response.headers.set("www-authenticate", 'Bearer realm="parley-metrics"');
    return response;
  }
  return new Response(await metricsText(), {
    headers: { "content-type": metricsContentType, "cache-control": "no-store" },
  });
});

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function bearerMatches(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  if (!match) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
