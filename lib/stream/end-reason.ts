/**
 * The footer's end label: why an answer ended, when that is worth saying. Pure.
 *
 * It says only what the stream said. "hit max_tokens" needs finish_reason "length"; "cut off"
 * needs a stream that ended with no finish reason (`truncated`) and no error. An answer that ended
 * in an error gets no label at all: its error box says what happened, in the right words.
 */
import type { MessageMeta, MessagePart, MessageStatus } from "./message-parts";

export type EndReason = "stopped" | "interrupted" | "hit max_tokens" | "refused" | "cut off";

export function endReason(
  status: MessageStatus,
  meta: MessageMeta | undefined,
  parts: readonly MessagePart[],
): EndReason | null {
  if (status === "streaming") return null;
  if (status === "error" || meta?.error) return null;
  if (status === "stopped") return "stopped";
  if (status === "interrupted") return "interrupted";
  if (meta?.finishReason === "length") return "hit max_tokens";
  if (meta?.finishReason === "content_filter" || parts.some((p) => p.type === "refusal")) return "refused";
  if (!meta?.finishReason && meta?.truncated) return "cut off";
  return null;
}
