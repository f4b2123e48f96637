import { revokeShare } from "@/lib/db/queries/shares";
import { handle, notFoundError, session } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes a link at once (page and images). Someone else's, unknown or already revoked: 404. */
export const DELETE = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  if (!(await revokeShare(db, { userId, shareId: id }))) throw notFoundError("shared link");
  return Response.json({ ok: true });
});
