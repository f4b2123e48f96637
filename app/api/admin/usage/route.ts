import { z } from "zod";
import { usageByDay } from "@/lib/db/queries/usage";
import { usageCsv } from "@/lib/usage/csv";
import { attachmentDisposition, handle, parseQuery, requireAdmin } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  format: z.enum(["json", "csv"]).default("json"),
});

/**
 * `GET /api/admin/usage?days=30[&format=csv]`: everyone's spend, tokens and requests by day (UTC),
 * user and model; the CSV has one row per user, model and day.
 */
export const GET = handle(async (request: Request) => {
  const { days, format } = parseQuery(query, request);
  const { db } = await requireAdmin(request);
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await usageByDay(db, { since });
  if (format === "csv") {
    return new Response(usageCsv(rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(
          `parley-usage-${new Date().toISOString().slice(0, 10)}.csv`,
        ),
      },
    });
  }
  return Response.json({ since, rows });
});
