import "server-only";
import type { Db } from "@/lib/db/connect";
import { saveAttachment } from "@/lib/db/queries/attachments";
import type { MessagePart } from "@/lib/stream/message-parts";
import type { UserMessage } from "@/lib/stream/wire";

const DATA_URL = /^data:[^;,]*;base64,/;

/**
 * The user's message as Parley stores it. Images sent as data URLs become attachments (message
 * rows hold `/api/attachments/<id>`, not megabytes of base64 repeated in every history read);
 * https images are kept as links. Throws DbError("invalid") for an image the store refuses.
 */
export async function storeUserParts(db: Db, userId: string, message: UserMessage): Promise<MessagePart[]> {
  if (typeof message.content === "string") return [{ type: "text", text: message.content }];
  const parts: MessagePart[] = [];
  for (const p of message.content) {
    if (p.type === "text") {
      parts.push({ type: "text", text: p.text });
      continue;
    }
    const url = p.image_url.url;
    const header = DATA_URL.exec(url);
    if (!header) {
      parts.push({ type: "image", url });
      continue;
    }
    const data = Buffer.from(url.slice(header[0].length), "base64");
    const stored = await saveAttachment(db, { userId, data });
    parts.push({ type: "image", url: stored.url, mediaType: stored.mediaType, bytes: stored.bytes });
  }
  return parts;
}

/** The text of a user message, images left out (for titles). */
export function userText(message: UserMessage): string {
  if (typeof message.content === "string") return message.content;
  return message.content
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("\n");
}
