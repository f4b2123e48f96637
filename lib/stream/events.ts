/**
 * Parley's stream protocol: what the relay (app/api/chat) sends the browser. It is the gateway's
 * own chunks, unchanged, plus Parley's events, all as server-sent events with increasing ids so a
 * stream can later be resumed. Documented for humans in docs/EVENTS.md; keep the two in step.
 *
 *   id: 7                      <- every frame has an id (1, 2, 3, … per response)
 *   data: {"choices":[…]}      <- no `event:` line: a gateway chunk, byte for byte
 *
 *   id: 8
 *   event: parley.tool_result  <- Parley's own events are named `parley.*`
 *   data: {"step":0,"id":"call_1",…}
 *
 *   : ping                     <- comment during long silences; carries nothing
 */
import type { ErrorCode } from "../errors/codes";
import type { FinishReason, Usage } from "./wire";

/** The one error vocabulary (lib/errors/codes.ts), under the name the stream protocol uses. */
export type ParleyErrorCode = ErrorCode;

export type ParleyEventMap = {
  /**
   * First frame of a saved turn (the request carried `conversation`): where the server stored it,
   * so the browser can address the conversation and the messages it shows. `userMessageId` is
   * null for a regenerate, which adds no user message.
   */
  "parley.saved": {
    conversationId: string;
    userMessageId: string | null;
    assistantMessageId: string;
    /** The server-owned run writing the answer: resume it at /api/generations/<id>/stream. */
    generationId: string;
    /** Where the new messages sit in the tree, so "2 / 3" shows without a refetch. */
    userBranch: MessageBranchInfo | null;
    assistantBranch: MessageBranchInfo;
    /** The answer continues an existing message (Continue) instead of starting a new one. */
    continued: boolean;
  };
  /** The conversation was longer than the model's context: its oldest messages were left out. */
  "parley.context": { droppedMessages: number; keptMessages: number };
  /** Someone pressed Stop (in any tab, on any instance): what streamed stays, marked stopped. */
  "parley.stopped": Record<string, never>;
  /** The server named an untitled conversation after its first answer (comes after `parley.done`). */
  "parley.title": { conversationId: string; title: string };
  /**
   * The reader cannot be served from the id it asked for (the run's log expired, or its instance
   * died): it should show the saved message instead. Never part of a generation's own log.
   */
  "parley.gone": { reason: "unknown" | "trimmed" };
  /** A model call begins. Gateway chunks that follow (until the next step) belong to it. */
  "parley.step": { step: number; model: string };
  /** The server's own assembly of the step that just ended (same module as the browser's). */
  "parley.step_end": {
    step: number;
    finishReason: FinishReason | null;
    truncated: boolean;
    usage: Usage | null;
  };
  /** A built-in tool starts running on the server. `arguments` is the JSON text the model wrote. */
  "parley.tool_start": { step: number; id: string; name: string; arguments: string };
  /**
   * A tool call waits for the user: `approve` (an ask-first tool: Run or Deny) or `answer` (a
   * tool answered by hand). The generation waits on the server, and survives a reload; POST
   * /api/generations/<generationId>/tools/<id> decides. Then `parley.tool_start` (Run) or
   * `parley.tool_result` (Deny, or the answer) follows.
   */
  "parley.tool_approval": {
    step: number;
    id: string;
    name: string;
    arguments: string;
    generationId: string;
    kind: "approve" | "answer";
  };
  /** The tool finished. `result` is the JSON text the model will see (an error result too). */
  "parley.tool_result": {
    step: number;
    id: string;
    name: string;
    status: "done" | "error";
    result: string;
    durationMs: number;
  };
  /** Something went wrong. What already streamed stays valid; `message` is safe to show. */
  "parley.error": { code: ParleyErrorCode; message: string; status?: number; retryAfterSeconds?: number };
  /** The response is complete (also after an error). Usage is summed over the steps. */
  "parley.done": { finishReason: FinishReason | null; steps: number; usage: Usage | null };
};

export type MessageBranchInfo = { parentId: string | null; siblingIds: string[]; index: number };

export type ParleyEventName = keyof ParleyEventMap;
export const PARLEY_EVENT_NAMES = [
  "parley.saved",
  "parley.context",
  "parley.stopped",
  "parley.title",
  "parley.gone",
  "parley.step",
  "parley.step_end",
  "parley.tool_start",
  "parley.tool_approval",
  "parley.tool_result",
  "parley.error",
  "parley.done",
] as const satisfies readonly ParleyEventName[];

/** One frame as the browser sees it after SSE parsing. */
export type StreamFrame =
  | { kind: "chunk"; id?: string; data: string }
  | { [K in ParleyEventName]: { kind: K; id?: string; data: ParleyEventMap[K] } }[ParleyEventName];

/** Serialises one SSE frame. `data` must not contain a raw newline (JSON text never does). */
export function formatFrame(id: number, event: ParleyEventName | null, data: string): string {
  return event ? `id: ${id}\nevent: ${event}\ndata: ${data}\n\n` : `id: ${id}\ndata: ${data}\n\n`;
}

/** Turns a parsed SSE event into a typed frame; unknown or malformed Parley events become null. */
export function toStreamFrame(event: string | undefined, data: string, id?: string): StreamFrame | null {
  if (!event || event === "message") return { kind: "chunk", id, data };
  if (!(PARLEY_EVENT_NAMES as readonly string[]).includes(event)) return null;
  try {
    return { kind: event, id, data: JSON.parse(data) } as StreamFrame;
  } catch {
    return null;
  }
}
