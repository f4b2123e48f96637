"use client";
import type { ParleyEventMap } from "@/lib/stream/events";
import type { MessagePart } from "@/lib/stream/message-parts";
import type { ConversationRef } from "@/lib/validations/chat";
import { messagesInOrder, useChatStore } from "./chat-store";
import { streamChatTurn } from "./chat-stream";
import { type Attachment, type ChatMessage, newId } from "./chat-types";
import { useComposerStore } from "./composer-store";
import { useModelStore } from "./model-store";
import { toRequestSettings, useSettingsStore } from "./settings-store";
import { toWireMessages } from "./to-wire";

/** The turn in flight. Only one at a time: the composer sends nothing while this is set. */
let inFlight: AbortController | null = null;
/** Resolves when the last turn's request has closed. */
let settled: Promise<void> = Promise.resolve();

/**
 * True while an answer is being written. After `parley.done` the server keeps the request open
 * for its final save; that tail is not "streaming" (the answer shows done), so actions are not
 * refused then: they wait for it with `whenSettled()`.
 */
export function isStreaming(): boolean {
  if (!inFlight) return false;
  const { activeId, byId } = useChatStore.getState();
  return activeId === null || byId[activeId]?.status === "streaming";
}

/** Waits until no request is open, so a new turn never overlaps the previous one's final save. */
export async function whenSettled(): Promise<boolean> {
  if (isStreaming()) return false;
  await settled;
  return inFlight === null;
}

/** Stops the answer that is streaming: the request is aborted and the partial answer kept. */
export function stopStreaming(): void {
  inFlight?.abort();
}

function userText(m: ChatMessage | undefined): string {
  return (m?.parts ?? [])
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server's id for a message, if it has one (messages loaded from the server use it as id). */
function savedId(m: ChatMessage | undefined): string | undefined {
  if (!m) return undefined;
  return m.serverId ?? (UUID.test(m.id) ? m.id : undefined);
}

/**
 * Where the server saves this turn: the open conversation (or a new one) under the message shown
 * before it. A regenerate answers the saved user message again; if that message never reached
 * the database, the turn is sent as a new one so it is saved now.
 */
function conversationRef(history: ChatMessage[], regenerate: boolean): ConversationRef {
  const id = useChatStore.getState().conversationId ?? undefined;
  const question = savedId(history.at(-1));
  if (regenerate && id && question) return { id, parentId: question, regenerate: true };
  if (!id) return {};
  if (history.length < 2) return { id, parentId: null };
  const parentId = savedId(history.at(-2));
  // Unknown parent (its save failed): the server hangs the message under its current leaf.
  return parentId ? { id, parentId } : { id };
}

/** Records the server's ids, then shows the conversation's own URL (replace: no extra Back step). */
function onSaved(
  saved: ParleyEventMap["parley.saved"],
  question: ChatMessage | undefined,
  answerId: string,
): void {
  const chat = useChatStore.getState();
  if (question && saved.userMessageId) chat.update(question.id, { serverId: saved.userMessageId });
  chat.update(answerId, { serverId: saved.assistantMessageId });
  // Before the URL changes: whatever watches the URL sees a conversation that is already open.
  if (chat.conversationId !== saved.conversationId) chat.setConversationId(saved.conversationId);
  const path = `/c/${encodeURIComponent(saved.conversationId)}`;
  if (window.location.pathname !== path) window.history.replaceState(null, "", path);
}

async function runTurn(history: ChatMessage[], regenerate = false): Promise<void> {
  const chat = useChatStore.getState();
  const model = useModelStore.getState().model;
  const values = useSettingsStore.getState().values;
  const assistant: ChatMessage = {
    id: newId("msg"),
    role: "assistant",
    parts: [],
    status: "streaming",
    model,
    jsonMode: values.jsonMode,
    meta: { model },
    createdAt: Date.now(),
  };
  chat.append(assistant);
  chat.setActive(assistant.id);
  const controller = new AbortController();
  inFlight = controller;
  let release = () => {};
  settled = new Promise<void>((resolve) => {
    release = resolve;
  });
  try {
    const final = await streamChatTurn({
      body: {
        model,
        messages: toWireMessages(history),
        settings: toRequestSettings(values),
        conversation: conversationRef(history, regenerate),
      },
      signal: controller.signal,
      onSaved: (saved) => onSaved(saved, history.at(-1), assistant.id),
      onUpdate: (s) =>
        useChatStore.getState().update(assistant.id, { parts: s.parts, meta: s.meta, status: s.status }),
    });
    if (final.status === "error" || final.status === "interrupted") {
      // The failed turn's text goes back into the composer, ready to edit or resend.
      const composer = useComposerStore.getState();
      if (!composer.draft.trim()) composer.setDraft(userText(history.at(-1)));
    }
  } finally {
    if (inFlight === controller) inFlight = null;
    if (useChatStore.getState().activeId === assistant.id) useChatStore.getState().setActive(null);
    release();
  }
}

/** Drops a failed last turn (its user message and the error) before something replaces it. */
function dropFailedLastTurn(): void {
  const messages = messagesInOrder();
  const last = messages.at(-1);
  const prev = messages.at(-2);
  if (
    last?.role === "assistant" &&
    (last.status === "error" || last.status === "interrupted") &&
    prev?.role === "user"
  ) {
    useChatStore.getState().remove([prev.id, last.id]);
  }
}

export async function sendMessage(text: string, attachments: Attachment[]): Promise<void> {
  if (!text.trim() && attachments.length === 0) return;
  if (!(await whenSettled())) return;
  dropFailedLastTurn();
  const parts: MessagePart[] = [];
  if (text.trim()) parts.push({ type: "text", text });
  for (const a of attachments) {
    parts.push({
      type: "image",
      url: a.url,
      mediaType: a.mediaType,
      bytes: a.bytes,
      width: a.width,
      height: a.height,
    });
  }
  const user: ChatMessage = { id: newId("msg"), role: "user", parts, status: "done", createdAt: Date.now() };
  useChatStore.getState().append(user);
  await runTurn(messagesInOrder());
}

/** Runs a failed or stopped turn again: its answer is replaced, the user's message is kept. */
export async function retryTurn(assistantId: string): Promise<void> {
  if (!(await whenSettled())) return;
  const messages = messagesInOrder();
  const index = messages.findIndex((m) => m.id === assistantId);
  if (index < 1) return;
  const history = messages.slice(0, index);
  useChatStore.getState().remove(messages.slice(index).map((m) => m.id));
  const composer = useComposerStore.getState();
  if (composer.draft === userText(history.at(-1))) composer.setDraft("");
  await runTurn(history, true);
}
