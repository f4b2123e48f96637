import { z } from "zod";
import { SEARCH_MAX_LIMIT, searchMessages } from "@/lib/db/queries/search";
import { handle, parseQuery, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({
  q: z.string().max(500),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).optional(),
});

/**
 * `{ results }`, best first. Each snippet marks matches with \u0002…\u0003 (render as text with
 * splitSnippet from lib/db/queries/search.ts); `messageId` is where to open the conversation.
 */
export const GET = handle(async (request: Request) => {
  const { q, limit } = parseQuery(query, request);
  const { db, userId } = await session(request);
  return Response.json({ results: await searchMessages(db, { userId, query: q, limit }) });
});
