import { z } from "zod";
import { listMessages, MESSAGES_MAX_LIMIT } from "@/lib/db/queries/list-messages";
import { handle, parseQuery, session } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({
  before: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(MESSAGES_MAX_LIMIT).optional(),
});

/** Older messages of the branch on screen, for scroll-up: `{ messages, hasMore }`. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const q = parseQuery(query, request);
  const { db, userId } = await session(request);
  return Response.json(await listMessages(db, { userId, conversationId: id, ...q }));
});
