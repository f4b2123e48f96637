import { z } from "zod";
import { usageByDay } from "@/lib/db/queries/usage";
import { handle, parseQuery, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** `GET /api/usage?days=30`: the caller's own spend, tokens and requests by day and model. */
export const GET = handle(async (request: Request) => {
  const { days } = parseQuery(query, request);
  const { db, userId } = await session(request);
  const since = new Date(Date.now() - days * 86_400_000);
  return Response.json({ since, rows: await usageByDay(db, { since, userId }) });
});
