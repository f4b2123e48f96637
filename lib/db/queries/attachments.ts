/**
 * Uploaded images, kept in the database (bytea) so both drivers and backups hold everything.
 * The type comes from the bytes, never from what the client claims.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../connect";
import { DbError } from "../errors";
import { isUuid, newId } from "../ids";
import { ATTACHMENT_MAX_BYTES, type AttachmentMediaType, attachments } from "../schema";

export type StoredAttachment = { id: string; url: string; mediaType: AttachmentMediaType; bytes: number };

export const attachmentUrl = (id: string) => `/api/attachments/${id}`;
const URL_RE = /^\/api\/attachments\/([0-9a-f-]{36})$/i;

/** The attachment id inside a message part's URL, or null for any other URL. */
export function attachmentIdFromUrl(url: string): string | null {
  return URL_RE.exec(url)?.[1] ?? null;
}

/** Magic numbers of the four image types we accept. */
export function sniffImageType(b: Uint8Array): AttachmentMediaType | null {
  const starts = (sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export async function saveAttachment(
  db: Db,
  input: { userId: string; data: Uint8Array },
): Promise<StoredAttachment> {
  if (input.data.byteLength === 0) throw new DbError("invalid", "the file is empty");
  if (input.data.byteLength > ATTACHMENT_MAX_BYTES) {
    throw new DbError("invalid", `images are limited to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  }
  const mediaType = sniffImageType(input.data);
  if (!mediaType) throw new DbError("invalid", "only PNG, JPEG, WebP and GIF images are accepted");
  const id = newId();
  await db.insert(attachments).values({
    id,
    userId: input.userId,
    mediaType,
    bytes: input.data.byteLength,
    data: input.data,
  });
  return { id, url: attachmentUrl(id), mediaType, bytes: input.data.byteLength };
}

export async function getAttachment(
  db: Db,
  input: { userId: string; id: string },
): Promise<{ mediaType: string; bytes: number; data: Uint8Array; createdAt: Date } | null> {
  if (!isUuid(input.id)) return null;
  const [row] = await db
    .select({
      mediaType: attachments.mediaType,
      bytes: attachments.bytes,
      data: attachments.data,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(and(eq(attachments.id, input.id), eq(attachments.userId, input.userId)));
  return row ?? null;
}

/** For export: the user's attachments among `ids` (others' ids are silently absent). */
export async function getAttachments(db: Db, input: { userId: string; ids: string[] }) {
  const ids = input.ids.filter(isUuid);
  if (ids.length === 0) return [];
  return db
    .select({ id: attachments.id, mediaType: attachments.mediaType, data: attachments.data })
    .from(attachments)
    .where(and(eq(attachments.userId, input.userId), inArray(attachments.id, ids)));
}
