/**
 * Share links. The owner's functions take a userId like every other query; the two public
 * readers (`getLiveShare`, `getSharedImage`) take only the share id, which is the secret, and
 * find nothing once the share is revoked.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { buildSnapshot, type SharedMessage, type ShareSnapshot } from "../../share/snapshot";
import type { Db } from "../connect";
import { notFound } from "../errors";
import { attachments, conversations, shares } from "../schema";
import { getConversation } from "./conversations";
import { getMessagePath } from "./message-path";

/** 18 random bytes = 144 bits, 24 base64url characters. */
const SHARE_ID_BYTES = 18;
export const SHARE_ID_RE = /^[A-Za-z0-9_-]{24}$/;

export const newShareId = () => randomBytes(SHARE_ID_BYTES).toString("base64url");
export const isShareId = (value: unknown): value is string =>
  typeof value === "string" && SHARE_ID_RE.test(value);

export type ShareSummary = {
  id: string;
  conversationId: string;
  title: string;
  createdAt: Date;
  messageCount: number;
};

const summaryColumns = {
  id: shares.id,
  conversationId: shares.conversationId,
  title: shares.title,
  createdAt: shares.createdAt,
  snapshot: shares.snapshot,
};

function summary(row: { snapshot: ShareSnapshot } & Omit<ShareSummary, "messageCount">): ShareSummary {
  const { snapshot, ...rest } = row;
  return { ...rest, messageCount: snapshot.messages.length };
}

/** Snapshots the branch on screen of the user's conversation; throws not_found for anyone else's. */
export async function createShare(
  db: Db,
  input: { userId: string; conversationId: string },
): Promise<ShareSummary> {
  const conversation = await getConversation(db, input);
  if (!conversation) throw notFound("conversation");
  const path = await getMessagePath(db, input);
  const id = newShareId();
  const snapshot = buildSnapshot({
    shareId: id,
    title: conversation.title,
    model: conversation.model,
    path,
  });
  const [row] = await db
    .insert(shares)
    .values({
      id,
      userId: input.userId,
      conversationId: input.conversationId,
      title: conversation.title,
      snapshot,
    })
    .returning(summaryColumns);
  return summary(row!);
}

/** The user's live shares, newest first (of conversations not deleted). */
export async function listShares(db: Db, input: { userId: string }): Promise<ShareSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(shares)
    .innerJoin(conversations, eq(conversations.id, shares.conversationId))
    .where(and(eq(shares.userId, input.userId), isNull(shares.revokedAt), isNull(conversations.deletedAt)))
    .orderBy(desc(shares.createdAt), desc(shares.id));
  return rows.map(summary);
}

/** False when the share is not this user's, or already revoked. */
export async function revokeShare(db: Db, input: { userId: string; shareId: string }): Promise<boolean> {
  if (!isShareId(input.shareId)) return false;
  const rows = await db
    .update(shares)
    .set({ revokedAt: new Date() })
    .where(and(eq(shares.id, input.shareId), eq(shares.userId, input.userId), isNull(shares.revokedAt)))
    .returning({ id: shares.id });
  return rows.length > 0;
}

export type PublicShare = { title: string; model: string; createdAt: Date; messages: SharedMessage[] };

async function liveShareRow(db: Db, shareId: string) {
  if (!isShareId(shareId)) return null;
  // A deleted conversation takes its links down with it (an undo brings them back).
  const [row] = await db
    .select({ userId: shares.userId, createdAt: shares.createdAt, snapshot: shares.snapshot })
    .from(shares)
    .innerJoin(conversations, eq(conversations.id, shares.conversationId))
    .where(and(eq(shares.id, shareId), isNull(shares.revokedAt), isNull(conversations.deletedAt)));
  return row ?? null;
}

/** What /s/<id> shows: null for an unknown id and for a revoked one alike. */
export async function getLiveShare(db: Db, input: { shareId: string }): Promise<PublicShare | null> {
  const row = await liveShareRow(db, input.shareId);
  if (!row) return null;
  const { title, model, messages } = row.snapshot;
  return { title, model, createdAt: row.createdAt, messages };
}

/** Image `n` of a live share, read from the owner's attachments. */
export async function getSharedImage(
  db: Db,
  input: { shareId: string; n: number },
): Promise<{ mediaType: string; bytes: number; data: Uint8Array } | null> {
  const row = await liveShareRow(db, input.shareId);
  const attachmentId = row?.snapshot.images[input.n];
  if (!row || !attachmentId) return null;
  const [file] = await db
    .select({ mediaType: attachments.mediaType, bytes: attachments.bytes, data: attachments.data })
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.userId, row.userId)));
  return file ?? null;
}
