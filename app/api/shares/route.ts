import { listShares } from "@/lib/db/queries/shares";
import { handle, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The caller's live share links, newest first (for "Shared links" in settings). */
export const GET = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  const shares = await listShares(db, { userId });
  return Response.json({ shares: shares.map((s) => ({ ...s, url: `/s/${s.id}` })) });
});
