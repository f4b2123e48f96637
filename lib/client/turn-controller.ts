"use client";
/**
 * The one owner of the answer this tab is showing live: which generation it reads, from which
 * event id, and what happens when the turn ends. The server owns the generation itself; this
 * only reads it. Leaving a conversation detaches (the answer goes on on the server); Stop asks
 * the server to stop it (from this tab or any other); a dropped connection reconnects with backoff
 * from the last event id, so the text on screen has no gap and no repeated word.
 *
 * End-of-turn effects (the sidebar, the URL, "2 / 3", the title) come from the server's own
 * events (`parley.saved`, `parley.title`) and reach the rest of the app through `onTurnEvent`.
 *
 * Loaded on demand with the stream parser and the message builder (lib/client/chat-actions.ts):
 * which answer is live, Stop and the turn events live in turn-state.ts, on the first screen.
 */
import { errorMessage } from "@/lib/errors/wording";
import { restoreBuilder } from "@/lib/stream/builder-snapshot";
import type { ParleyEventMap, StreamFrame } from "@/lib/stream/events";
import { applyFrame, build, type MessageBuilder } from "@/lib/stream/message-builder";
import type { MessageStatus } from "@/lib/stream/message-parts";
import { useChatStore } from "./chat-store";
import { fetchConversation } from "./conversations-api";
import { readEventStream, type StreamEnd } from "./event-stream";
import { frameScheduler } from "./frame-scheduler";
import { chatMessageFromStored } from "./from-stored";
import {
  detachTurn,
  emitTurnEvent as emit,
  liveReading,
  postStop,
  type Reading,
  setLiveReading,
} from "./turn-state";

const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const MAX_RECONNECTS = 12;
const MAX_RESENDS = 3;

function backoff(attempt: number): Promise<void> {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
  return new Promise((r) => setTimeout(r, base / 2 + Math.random() * base));
}

export type TurnStart =
  /** POST /api/chat with this body (a saved turn). */
  | { kind: "post"; body: unknown }
  /** Read a running generation (a reload, a second tab) from the saved snapshot's event id. */
  | { kind: "resume"; generationId: string; lastEventId: number };

/**
 * Shows an answer live until it ends. `builder` holds what is already on screen (empty for a new
 * answer, the saved snapshot for a resume, the partial answer for Continue). Resolves with the
 * answer's final status once it is over, or "streaming" if this tab stopped reading first.
 */
export async function runTurn(opts: {
  messageId: string;
  conversationId: string | null;
  builder: MessageBuilder;
  start: TurnStart;
}): Promise<MessageStatus> {
  detachTurn();
  const r: Reading = {
    messageId: opts.messageId,
    generationId: opts.start.kind === "resume" ? opts.start.generationId : null,
    conversationId: opts.conversationId,
    builder: opts.builder,
    lastEventId: opts.start.kind === "resume" ? opts.start.lastEventId : 0,
    reader: new AbortController(),
    stopRequested: false,
    terminal: false,
  };
  setLiveReading(r);
  const chat = useChatStore.getState();
  chat.setActive(r.messageId);
  const show = frameScheduler(() => {
    const m = build(r.builder);
    const status = r.stopRequested && m.status === "streaming" ? "stopped" : m.status;
    useChatStore.getState().update(r.messageId, { parts: m.parts, meta: m.meta, status });
  });
  show.schedule();

  const onFrame = (frame: StreamFrame, id: number | null) => {
    // A reconnect may replay what this tab already has: ids make that harmless.
    if (id !== null) {
      if (id <= r.lastEventId) return;
      r.lastEventId = id;
    }
    if (frame.kind === "parley.saved") onSaved(r, frame.data);
    if (frame.kind === "parley.title") emit({ type: "title", ...frame.data });
    if (frame.kind === "parley.title" && r.terminal) return;
    applyFrame(r.builder, frame, Date.now());
    if (frame.kind === "parley.done" || frame.kind === "parley.stopped") finishLive(r, show);
    else show.schedule();
  };

  const post = () =>
    readEventStream(
      "/api/chat",
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify((opts.start as { body: unknown }).body),
      },
      r.reader.signal,
      onFrame,
    );
  const follow = () =>
    readEventStream(
      `/api/generations/${encodeURIComponent(r.generationId!)}/stream?lastEventId=${r.lastEventId}`,
      {},
      r.reader.signal,
      onFrame,
    );

  let end: StreamEnd = await (opts.start.kind === "post" ? post() : follow());
  let resumedFromSave = false;
  for (let attempt = 0; ; attempt++) {
    if (end.kind === "aborted" || r.reader.signal.aborted) break;
    if (r.terminal && end.kind !== "refused") break;
    if (end.kind === "refused") {
      failLive(r, show, end.code, end.message, end.retryAfterSeconds);
      break;
    }
    if (end.kind === "gone") {
      // The log cannot serve this tab's id (expired, trimmed, its instance gone): the saved
      // message either is final, or is a fresher snapshot to resume from.
      if (!(await reloadAnswer(r)) || resumedFromSave) break;
      resumedFromSave = true;
      end = await follow();
      continue;
    }
    // Without the server's `parley.saved` there is no generation to resume: a stream that started
    // and broke cannot be picked up, and an unanswered send is retried only a few times.
    const unresumable = !r.generationId && r.lastEventId > 0;
    if (unresumable || attempt >= (r.generationId ? MAX_RECONNECTS : MAX_RESENDS)) {
      const code = r.generationId || unresumable ? "connection_lost" : "server_unreachable";
      failLive(r, show, code, errorMessage(code));
      break;
    }
    const before = r.lastEventId;
    await backoff(attempt);
    if (r.reader.signal.aborted) break;
    // Before the server confirmed the turn, resending is safe: the message id makes it idempotent.
    end = await (r.generationId ? follow() : post());
    if (r.lastEventId > before) attempt = -1; // it moved: the next drop starts the backoff afresh
  }
  show.flushNow();
  if (liveReading() === r) {
    setLiveReading(null);
    useChatStore.getState().setActive(null);
  }
  return build(r.builder).status;
}

function onSaved(r: Reading, saved: ParleyEventMap["parley.saved"]): void {
  const newConversation = r.conversationId === null;
  r.generationId = saved.generationId;
  r.conversationId = saved.conversationId;
  if (r.stopRequested) void postStop(saved.generationId);
  const chat = useChatStore.getState();
  // Only if the tab still shows where the turn was sent from (or the new chat it created).
  if (chat.conversationId === null || chat.conversationId === saved.conversationId) {
    if (chat.conversationId !== saved.conversationId) chat.setConversationId(saved.conversationId);
    if (saved.userMessageId && saved.userBranch)
      chat.update(saved.userMessageId, { branch: saved.userBranch });
    chat.update(saved.assistantMessageId, { branch: saved.assistantBranch });
    const path = `/c/${encodeURIComponent(saved.conversationId)}`;
    if (window.location.pathname !== path) window.history.replaceState(null, "", path);
  }
  emit({ type: "saved", saved, newConversation });
}

function finishLive(r: Reading, show: ReturnType<typeof frameScheduler>): void {
  r.terminal = true;
  show.flushNow();
  if (liveReading() === r) useChatStore.getState().setActive(null);
  emit({ type: "ended", conversationId: r.conversationId, status: build(r.builder).status });
}

function failLive(
  r: Reading,
  show: ReturnType<typeof frameScheduler>,
  code: string,
  message: string,
  retryAfterSeconds?: number,
): void {
  const now = Date.now();
  applyFrame(
    r.builder,
    {
      kind: "parley.error",
      data: { code, message, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) },
    } as StreamFrame,
    now,
  );
  applyFrame(r.builder, { kind: "parley.done", data: { finishReason: null, steps: 0, usage: null } }, now);
  finishLive(r, show);
}

/**
 * The log could not serve this tab: read the answer as saved. A finished (or interrupted) one is
 * shown as it is; one still being written comes with a snapshot to resume from, and true is returned.
 */
async function reloadAnswer(r: Reading): Promise<boolean> {
  if (!r.conversationId) return false;
  try {
    const detail = await fetchConversation(r.conversationId, undefined, 2);
    const record = detail.messages.find((m) => m.id === r.messageId);
    if (record?.status === "streaming" && record.streamState && (record.lastEventId ?? 0) > r.lastEventId) {
      r.builder = restoreBuilder(record.streamState);
      r.lastEventId = record.lastEventId ?? 0;
      return true;
    }
    const saved = record && chatMessageFromStored(record, detail.conversation.settings.json_mode ?? false);
    if (saved && useChatStore.getState().conversationId === r.conversationId) {
      useChatStore.getState().update(r.messageId, saved);
    }
  } catch {
    // Offline: the message keeps what it showed; a reload will show the saved state.
  }
  r.terminal = true;
  emit({ type: "ended", conversationId: r.conversationId, status: "interrupted" });
  return false;
}
