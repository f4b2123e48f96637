/**
 * Writes validated conversations for one user, in one transaction: every row gets a fresh id
 * (importing the same file twice makes copies, never collisions), parents are written before
 * children, and image URLs follow their attachments to the new ids.
 */
import type { Db } from "../db/connect";
import { newId } from "../db/ids";
import { attachmentIdFromUrl, attachmentUrl, sniffImageType } from "../db/queries/attachments";
import { ATTACHMENT_MAX_BYTES, attachments, conversations, messages } from "../db/schema";
import type { MessagePart } from "../stream/message-parts";
import { ImportError } from "./errors";
import type { ExportedAttachment, ExportedConversation, ExportedMessage, ImportResult } from "./format";
import { withoutNul } from "./storable";

const BATCH = 500;

function label(c: ExportedConversation, index: number): string {
  return `conversation ${index + 1}${c.title ? ` ("${c.title.slice(0, 60)}")` : ""}`;
}

/** Parents before children, siblings oldest first; throws on missing parents and cycles. */
export function orderTree(c: ExportedConversation, index: number): ExportedMessage[] {
  const children = new Map<string | null, ExportedMessage[]>();
  const ids = new Set<string>();
  for (const m of c.messages) {
    if (ids.has(m.id)) throw new ImportError(`${label(c, index)}: message id "${m.id}" appears twice`);
    ids.add(m.id);
  }
  for (const m of c.messages) {
    if (m.parentId !== null && !ids.has(m.parentId)) {
      throw new ImportError(
        `${label(c, index)}: message "${m.id}" has parent "${m.parentId}", which is not in the file`,
      );
    }
    children.set(m.parentId, [...(children.get(m.parentId) ?? []), m]);
  }
  const ordered: ExportedMessage[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const m = stack.pop()!;
    ordered.push(m);
    const kids = [...(children.get(m.id) ?? [])].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    stack.push(...kids.reverse());
  }
  if (ordered.length !== c.messages.length) {
    throw new ImportError(`${label(c, index)}: its messages form a cycle (no path from a root message)`);
  }
  if (c.currentLeafId !== null && !ids.has(c.currentLeafId)) {
    throw new ImportError(
      `${label(c, index)}: currentLeafId "${c.currentLeafId}" is not one of its messages`,
    );
  }
  return ordered;
}

function decodeAttachment(a: ExportedAttachment): Uint8Array {
  const data = Buffer.from(a.data, "base64");
  if (data.byteLength === 0 || data.byteLength > ATTACHMENT_MAX_BYTES || !sniffImageType(data)) {
    throw new ImportError(`attachment "${a.id}": not a PNG, JPEG, WebP or GIF image of at most 5 MB`);
  }
  return data;
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function writeConversations(
  db: Db,
  input: { userId: string; conversations: ExportedConversation[]; attachments?: ExportedAttachment[] },
): Promise<Omit<ImportResult, "skipped">> {
  // Everything that can be wrong with the file is found before the first write.
  const ordered = input.conversations.map((c, i) => orderTree(c, i));
  const files = (input.attachments ?? []).map((a) => ({
    oldId: a.id,
    id: newId(),
    data: decodeAttachment(a),
  }));
  const fileIds = new Map(files.map((f) => [f.oldId, f.id]));
  const remapPart = (p: MessagePart): MessagePart => {
    const old = p.type === "image" ? attachmentIdFromUrl(p.url) : null;
    const next = old ? fileIds.get(old) : undefined;
    return p.type === "image" && next ? { ...p, url: attachmentUrl(next) } : p;
  };

  const convRows: (typeof conversations.$inferInsert)[] = [];
  const msgRows: (typeof messages.$inferInsert)[] = [];
  input.conversations.forEach((c, i) => {
    const conversationId = newId();
    const ids = new Map<string, string>();
    for (const m of ordered[i]!) {
      const id = newId();
      ids.set(m.id, id);
      msgRows.push({
        id,
        conversationId,
        userId: input.userId,
        parentId: m.parentId === null ? null : ids.get(m.parentId)!,
        role: m.role,
        parts: m.parts.map(remapPart),
        model: m.model ?? null,
        usage: m.usage ?? null,
        ttftMs: m.ttftMs ?? null,
        totalMs: m.totalMs ?? null,
        finishReason: m.finishReason ?? null,
        // Nothing streams into an imported message any more.
        status: m.status === "streaming" ? "interrupted" : m.status,
        error: m.error ?? null,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt ?? m.createdAt,
      });
    }
    const leaf = c.currentLeafId ?? ordered[i]!.at(-1)?.id ?? null;
    convRows.push({
      id: conversationId,
      userId: input.userId,
      title: c.title,
      model: c.model,
      settings: c.settings,
      pinned: c.pinned,
      archived: c.archived,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      currentLeafId: leaf ? ids.get(leaf)! : null,
    });
  });

  // One transaction: a row the database still refuses rolls back everything before it.
  await db.transaction(async (tx) => {
    await insertInBatches(files, (b) =>
      tx.insert(attachments).values(
        b.map((f) => ({
          id: f.id,
          userId: input.userId,
          mediaType: sniffImageType(f.data)!,
          bytes: f.data.byteLength,
          data: f.data,
        })),
      ),
    );
    await insertInBatches(convRows, (b) => tx.insert(conversations).values(b.map(withoutNul)));
    await insertInBatches(msgRows, (b) => tx.insert(messages).values(b.map(withoutNul)));
  });
  return {
    conversations: convRows.map((c) => ({ id: c.id, title: c.title ?? "" })),
    messages: msgRows.length,
    attachments: files.length,
  };
}
