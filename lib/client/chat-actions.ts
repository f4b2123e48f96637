"use client";
import type { MessagePart } from "@/lib/stream/message-parts";
/**
 * What the user does to a conversation (send, retry, regenerate, edit and resend, continue, stop),
 * as the page calls it.
 *
 * Sending and reading an answer (turn-actions.ts: the turn controller, the stream parser, the
 * message builder) is not needed to draw a conversation, so it is not in the page's first-load
 * JavaScript: it loads on demand. `preloadTurns` starts that load early — in idle time once the
 * page has hydrated, and as soon as the composer is focused or typed in — so a send normally finds
 * it there; an action that comes first simply awaits the import. What the first screen needs at
 * once (is an answer streaming, Stop, leaving a conversation) is in turn-state.ts.
 */
import type { ModelId } from "@/lib/stream/wire";
import type { Attachment } from "./chat-types";
import type { MessageRecord } from "./conversations-api";
import { detachTurn, isStreaming, stopTurn } from "./turn-state";

export { isStreaming };

type TurnActions = typeof import("./turn-actions");

let loading: Promise<TurnActions> | null = null;

/** The send/stream machinery, loaded once (a failed load is tried again on the next call). */
export function loadTurns(): Promise<TurnActions> {
  loading ??= import("./turn-actions").catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** Starts loading the send/stream machinery, if it is not loaded yet (errors wait for a real send). */
export function preloadTurns(): void {
  loadTurns().catch(() => undefined);
}

/** Ready for a new turn (nothing streaming in this tab). */
export async function whenSettled(): Promise<boolean> {
  return !isStreaming();
}

export function stopStreaming(): void {
  stopTurn();
}

/** Bumped whenever the tab leaves a conversation: a resume still waiting for its import is dropped. */
let shownEpoch = 0;

/** Another conversation is being opened: stop reading this one (the server keeps writing it). */
export function leaveConversation(): void {
  shownEpoch++;
  detachTurn();
}

/** A send that is waiting for the machinery to load: a second Enter meanwhile is not a second send. */
let pendingSend = false;

export async function sendMessage(
  text: string,
  attachments: Attachment[],
  opts: { parentId?: string | null; imageParts?: MessagePart[] } = {},
): Promise<void> {
  if (pendingSend) return;
  pendingSend = true;
  let actions: TurnActions;
  try {
    actions = await loadTurns();
  } finally {
    pendingSend = false;
  }
  await actions.sendMessage(text, attachments, opts);
}

export async function retryTurn(assistantId: string, model?: ModelId): Promise<void> {
  await (await loadTurns()).retryTurn(assistantId, model);
}

export async function continueAnswer(assistantId: string): Promise<void> {
  await (await loadTurns()).continueAnswer(assistantId);
}

/** Follows an answer still being written, unless the tab has moved on by the time the code loads. */
export function resumeGeneration(record: MessageRecord, conversationId: string): void {
  const epoch = shownEpoch;
  void loadTurns().then((actions) => {
    if (epoch === shownEpoch) actions.resumeGeneration(record, conversationId);
  });
}
