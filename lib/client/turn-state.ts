"use client";
/**
 * Which answer this tab is reading live, and what the rest of the page may ask of it (is one
 * streaming, stop it, stop reading it, hear when a turn saves or ends). Kept apart from the turn
 * controller that reads the stream (turn-controller.ts): that one, with the stream parser and the
 * message builder, loads on demand (lib/client/chat-actions.ts), while the Stop button, the
 * Escape key, the sidebar's listeners and the catch-up check are on the first screen.
 */
import type { ParleyEventMap } from "@/lib/stream/events";
import type { MessageBuilder } from "@/lib/stream/message-builder";
import type { MessageStatus } from "@/lib/stream/message-parts";
import { useChatStore } from "./chat-store";

export type TurnEvent =
  | { type: "saved"; saved: ParleyEventMap["parley.saved"]; newConversation: boolean }
  | { type: "title"; conversationId: string; title: string }
  | { type: "ended"; conversationId: string | null; status: MessageStatus };

export type Reading = {
  /** The assistant message on screen (its id is the server's too). */
  messageId: string;
  generationId: string | null;
  conversationId: string | null;
  builder: MessageBuilder;
  lastEventId: number;
  /** Stops this tab's reading only; the generation is the server's. */
  reader: AbortController;
  stopRequested: boolean;
  /** Saw `parley.done` or `parley.stopped`: the answer is over (a title may still follow). */
  terminal: boolean;
};

const listeners = new Set<(e: TurnEvent) => void>();
let live: Reading | null = null;

/** The reading shown live (the turn controller's). */
export function liveReading(): Reading | null {
  return live;
}

export function setLiveReading(r: Reading | null): void {
  live = r;
}

export function onTurnEvent(listener: (e: TurnEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitTurnEvent(e: TurnEvent): void {
  for (const l of listeners) l(e);
}

/** An answer is being written into the conversation on screen. */
export function isStreaming(): boolean {
  return live !== null && !live.terminal;
}

/** The generation shown live, if any (tests and the Stop button). */
export function liveGenerationId(): string | null {
  return live?.generationId ?? null;
}

/** Stop, wherever the answer runs: the server ends it with `parley.stopped`, which every tab reads. */
export function stopTurn(): void {
  const r = live;
  if (!r || r.terminal) return;
  r.stopRequested = true;
  // Shown at once; the frames already on their way still land, so the text matches the server's.
  useChatStore.getState().update(r.messageId, { status: "stopped" });
  if (r.generationId) void postStop(r.generationId);
}

export async function postStop(generationId: string): Promise<void> {
  await fetch(`/api/generations/${encodeURIComponent(generationId)}/stop`, { method: "POST" }).catch(
    () => undefined,
  );
}

/** This tab stops reading (another conversation was opened); the answer goes on on the server. */
export function detachTurn(): void {
  if (!live) return;
  // An answer that is over only waits for its title: let that arrive (the sidebar wants it).
  if (!live.terminal) live.reader.abort();
  live = null;
  useChatStore.getState().setActive(null);
}
