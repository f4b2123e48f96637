/**
 * JSON export: one conversation or all of a user's (soft-deleted ones excluded), with every
 * branch and the images they show, in the format lib/import-export/format.ts describes.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/connect";
import { notFound } from "../db/errors";
import { isUuid } from "../db/ids";
import { attachmentIdFromUrl, getAttachments } from "../db/queries/attachments";
import { conversationColumns, messageColumns } from "../db/queries/columns";
import { conversations, messages } from "../db/schema";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedConversation, type ParleyExport } from "./format";

async function build(db: Db, userId: string, conversationId?: string): Promise<ParleyExport> {
  const convs = await db
    .select(conversationColumns)
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, userId),
        isNull(conversations.deletedAt),
        // "Everything" is the chat's conversations; a comparison's columns live on its page.
        conversationId ? eq(conversations.id, conversationId) : isNull(conversations.comparisonId),
      ),
    )
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  if (conversationId && convs.length === 0) throw notFound("conversation");

  const ids = convs.map((c) => c.id);
  const rows = ids.length
    ? await db
        .select(messageColumns)
        .from(messages)
        .where(and(eq(messages.userId, userId), inArray(messages.conversationId, ids)))
        .orderBy(asc(messages.createdAt), asc(messages.id))
    : [];
  const byConversation = new Map<string, ExportedConversation["messages"]>();
  const attachmentIds = new Set<string>();
  for (const { conversationId: cid, ...m } of rows) {
    const list = byConversation.get(cid) ?? [];
    if (list.length === 0) byConversation.set(cid, list);
    list.push(m);
    for (const p of m.parts) {
      const aid = p.type === "image" ? attachmentIdFromUrl(p.url) : null;
      if (aid) attachmentIds.add(aid);
    }
  }
  const files = await getAttachments(db, { userId, ids: [...attachmentIds] });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(),
    conversations: convs.map((c) => ({ ...c, messages: byConversation.get(c.id) ?? [] })),
    attachments: files.map((f) => ({
      id: f.id,
      mediaType: f.mediaType,
      data: Buffer.from(f.data).toString("base64"),
    })),
  };
}

export function exportConversationJson(db: Db, input: { userId: string; conversationId: string }) {
  if (!isUuid(input.conversationId)) return Promise.reject(notFound("conversation"));
  return build(db, input.userId, input.conversationId);
}

export function exportAll(db: Db, input: { userId: string }): Promise<ParleyExport> {
  return build(db, input.userId);
}
