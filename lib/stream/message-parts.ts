/**
 * A message as Parley keeps and shows it: a list of typed parts in order. The browser renders
 * these, the database stores these, and lib/stream/message-builder.ts produces them from a
 * stream. One definition for all three.
 */
import type { FinishReason, ReasoningDetail, Usage } from "./wire";

export type ToolCallStatus = "calling" | "awaiting-approval" | "running" | "done" | "error";

/** A call waiting for the user: Run/Deny (`approve`) or a typed answer (`answer`). */
export type ToolAwaiting = { generationId: string; kind: "approve" | "answer" };

export type MessagePart =
  | { type: "text"; text: string }
  | {
      type: "reasoning";
      text: string;
      /** Milliseconds from the first reasoning token to the first answer token (or the end). */
      durationMs?: number;
      /** Signatures and details the provider needs back on the next turn of a tool loop. */
      details?: ReasoningDetail[];
    }
  | {
      type: "tool-call";
      id: string;
      name: string;
      /** JSON text as the model wrote it; may be incomplete while streaming. */
      arguments: string;
      status: ToolCallStatus;
      /** JSON text of the result the model saw (an error result too). */
      result?: string;
      durationMs?: number;
      step: number;
      /** Present while `status` is "awaiting-approval": where the decision goes. */
      awaiting?: ToolAwaiting;
    }
  | { type: "image"; url: string; mediaType?: string; bytes?: number; width?: number; height?: number }
  | { type: "refusal"; text: string };

export type MessageStatus = "streaming" | "done" | "stopped" | "interrupted" | "error";

export type MessageMeta = {
  model?: string;
  usage?: Usage | null;
  /** Milliseconds from send to the first token of any kind. */
  ttftMs?: number;
  totalMs?: number;
  finishReason?: FinishReason | null;
  truncated?: boolean;
  error?: { code: string; message: string; retryAfterSeconds?: number } | null;
  /** Oldest messages left out of what the model saw because the conversation outgrew its context. */
  droppedMessages?: number;
};
