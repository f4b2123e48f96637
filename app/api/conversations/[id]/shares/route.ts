import { createShare } from "@/lib/db/queries/shares";
import { handle, session } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Shares the branch on screen: a snapshot taken now, so later turns, edits and branch switches
 * do not change what the link shows. Another user's (or a deleted) conversation is a 404.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const share = await createShare(db, { userId, conversationId: id });
  return Response.json({ share: { ...share, url: `/s/${share.id}` } }, { status: 201 });
});
