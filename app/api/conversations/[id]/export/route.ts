import { z } from "zod";
import { getConversation } from "@/lib/db/queries/conversations";
import { exportConversationJson } from "@/lib/import-export/export";
import { exportConversationMarkdown } from "@/lib/import-export/markdown";
import { attachmentDisposition, handle, notFoundError, parseQuery, session } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(["md", "json"]).default("md") });

/** Markdown is the branch on screen; JSON is every branch, and imports back. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { format } = parseQuery(query, request);
  const { db, userId } = await session(request);
  const ids = { userId, conversationId: id };
  const conversation = await getConversation(db, ids);
  if (!conversation) throw notFoundError();
  const name = `${conversation.title || "conversation"}.${format}`;
  const body =
    format === "md"
      ? await exportConversationMarkdown(db, ids)
      : JSON.stringify(await exportConversationJson(db, ids), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition(name),
      "Cache-Control": "private, no-store",
    },
  });
});
