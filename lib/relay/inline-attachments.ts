import "server-only";
import type { Db } from "@/lib/db/connect";
import { DbError } from "@/lib/db/errors";
import { attachmentIdFromUrl, getAttachment } from "@/lib/db/queries/attachments";
import type { WireMessage } from "@/lib/stream/wire";

/** True when some image in the history is one of Parley's stored attachments. */
export function hasAttachmentImages(messages: readonly WireMessage[]): boolean {
  return messages.some(
    (m) =>
      m.role === "user" &&
      Array.isArray(m.content) &&
      m.content.some((p) => p.type === "image_url" && attachmentIdFromUrl(p.image_url.url) !== null),
  );
}

/**
 * A reopened conversation sends its saved images back as `/api/attachments/<id>` links, which
 * only Parley can read: the gateway gets the bytes inline as data URLs instead. Only this user's
 * attachments resolve; any other id is "not found", so no one can read another user's image.
 */
export async function inlineAttachmentImages(
  db: Db,
  userId: string,
  messages: WireMessage[],
): Promise<WireMessage[]> {
  const out: WireMessage[] = [];
  for (const m of messages) {
    if (m.role !== "user" || typeof m.content === "string") {
      out.push(m);
      continue;
    }
    const content = [];
    for (const p of m.content) {
      const id = p.type === "image_url" ? attachmentIdFromUrl(p.image_url.url) : null;
      if (p.type !== "image_url" || !id) {
        content.push(p);
        continue;
      }
      const found = await getAttachment(db, { userId, id });
      if (!found) throw new DbError("not_found", "image not found");
      const url = `data:${found.mediaType};base64,${Buffer.from(found.data).toString("base64")}`;
      content.push({ ...p, image_url: { ...p.image_url, url } });
    }
    out.push({ ...m, content });
  }
  return out;
}
