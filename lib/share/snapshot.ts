/**
 * What a share link shows: the branch on screen (root → current leaf) frozen at share time.
 * Pure, so the route, the page and the tests agree on one shape. Images the user uploaded are
 * referenced by the share's own URLs (/api/shares/<id>/images/<n>), never by the owner's
 * attachment URLs; the attachment ids behind them stay on the server (`images`).
 */
import type { MessageMeta, MessagePart, MessageStatus } from "../stream/message-parts";
import type { FinishReason, Usage } from "../stream/wire";

export type SharedMessage = {
  role: "user" | "assistant";
  parts: MessagePart[];
  status: MessageStatus;
  model?: string;
  meta?: MessageMeta;
};

export type ShareSnapshot = {
  version: 1;
  title: string;
  model: string;
  messages: SharedMessage[];
  /** Attachment ids, by image number. Server-only: never sent to the browser. */
  images: string[];
};

/** The fields of a stored message a snapshot reads (a subset of StoredMessage). */
export type SnapshotSource = {
  role: "user" | "assistant" | "system";
  parts: MessagePart[];
  status: MessageStatus;
  model: string | null;
  usage: Usage | null;
  ttftMs: number | null;
  totalMs: number | null;
  finishReason: string | null;
  error: MessageMeta["error"] | null;
};

export const shareImageUrl = (shareId: string, n: number) => `/api/shares/${shareId}/images/${n}`;

const ATTACHMENT_URL_RE = /^\/api\/attachments\/([0-9a-f-]{36})$/i;

export function buildSnapshot(input: {
  shareId: string;
  title: string;
  model: string;
  path: SnapshotSource[];
}): ShareSnapshot {
  const images: string[] = [];
  const sharePart = (part: MessagePart): MessagePart => {
    if (part.type === "reasoning") {
      // Provider signatures are for the next model call, not for readers.
      const { details: _details, ...rest } = part;
      return rest;
    }
    if (part.type === "image") {
      const attachmentId = ATTACHMENT_URL_RE.exec(part.url)?.[1];
      if (!attachmentId) return part;
      images.push(attachmentId);
      return { ...part, url: shareImageUrl(input.shareId, images.length - 1) };
    }
    // A call still waiting for its owner's decision: readers of a share see it, not Run / Deny.
    if (part.type === "tool-call" && part.status === "awaiting-approval") {
      const { awaiting: _, ...rest } = part;
      return rest;
    }
    return part;
  };
  const messages: SharedMessage[] = [];
  for (const m of input.path) {
    if (m.role !== "user" && m.role !== "assistant") continue;
    const parts = m.parts.map(sharePart);
    if (m.role === "user") {
      messages.push({ role: "user", parts, status: m.status });
      continue;
    }
    messages.push({
      role: "assistant",
      parts,
      // A share is read after the fact: an answer still being written is shown as it was saved.
      status: m.status === "streaming" ? "stopped" : m.status,
      ...(m.model ? { model: m.model } : {}),
      meta: {
        ...(m.model ? { model: m.model } : {}),
        usage: m.usage ?? null,
        ...(m.ttftMs !== null ? { ttftMs: m.ttftMs } : {}),
        ...(m.totalMs !== null ? { totalMs: m.totalMs } : {}),
        finishReason: (m.finishReason as FinishReason | null) ?? null,
        truncated: m.finishReason === "length",
        error: m.error ?? null,
      },
    });
  }
  return { version: 1, title: input.title, model: input.model, messages, images };
}
