"use client";
/**
 * What the user does to a conversation: send, retry, regenerate, edit and resend, continue,
 * stop. Each becomes one saved turn (`POST /api/chat`) that the server builds from the stored
 * conversation; the browser only names the new messages (client-made UUIDs, so a resend after a
 * network failure is recognised instead of duplicated) and shows the answer via the turn
 * controller.
 *
 * Loaded on demand, with the turn controller, through chat-actions.ts (call those, not these).
 */
import { continuingBuilder, restoreBuilder } from "@/lib/stream/builder-snapshot";
import { createMessageBuilder } from "@/lib/stream/message-builder";
import type { MessagePart } from "@/lib/stream/message-parts";
import type { ModelId, UserContentPart } from "@/lib/stream/wire";
import type { TurnRequest } from "@/lib/validations/chat";
import { messagesInOrder, useChatStore } from "./chat-store";
import type { Attachment, ChatMessage } from "./chat-types";
import { useComposerStore } from "./composer-store";
import type { MessageRecord } from "./conversations-api";
import { useModelStore } from "./model-store";
import { toRequestSettings, useSettingsStore } from "./settings-store";
import { runTurn } from "./turn-controller";
import { isStreaming } from "./turn-state";

function userText(m: ChatMessage | undefined): string {
  return (m?.parts ?? [])
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("");
}

function wireContent(parts: MessagePart[]): string | UserContentPart[] {
  const content: UserContentPart[] = [];
  for (const p of parts) {
    if (p.type === "text" && p.text) content.push({ type: "text", text: p.text });
    // Saved images travel as their /api/attachments URL: the server reads them from its store.
    if (p.type === "image") content.push({ type: "image_url", image_url: { url: p.url } });
  }
  if (content.length === 1 && content[0]?.type === "text") return content[0].text;
  return content;
}

function newAnswer(): ChatMessage {
  const model = useModelStore.getState().model;
  return {
    id: crypto.randomUUID(),
    role: "assistant",
    parts: [],
    status: "streaming",
    model,
    jsonMode: useSettingsStore.getState().values.jsonMode,
    meta: { model },
    createdAt: Date.now(),
  };
}

function common(): Pick<TurnRequest, "model" | "settings"> {
  return {
    model: useModelStore.getState().model,
    settings: toRequestSettings(useSettingsStore.getState().values),
  };
}

/** Runs a new answer (`answer`, already on screen) for `body`. */
async function answer(answer: ChatMessage, body: Omit<TurnRequest, "model" | "settings">): Promise<string> {
  const conversationId = useChatStore.getState().conversationId;
  const status = await runTurn({
    messageId: answer.id,
    conversationId,
    builder: createMessageBuilder({ startedAt: Date.now(), model: answer.model }),
    start: { kind: "post", body: { ...common(), ...body, answerId: answer.id } },
  });
  return status;
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

/**
 * A new question under `parentId` (default: the last message on screen). The server stores the
 * images (data URLs become attachments) and builds the history from what it has saved.
 */
export async function sendMessage(
  text: string,
  attachments: Attachment[],
  opts: { parentId?: string | null; imageParts?: MessagePart[] } = {},
): Promise<void> {
  if (!text.trim() && attachments.length === 0 && !opts.imageParts?.length) return;
  if (isStreaming()) return;
  dropFailedLastTurn();
  const parts: MessagePart[] = [];
  if (text.trim()) parts.push({ type: "text", text });
  for (const p of opts.imageParts ?? []) parts.push(p);
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
  const state = useChatStore.getState();
  const conversationId = state.conversationId;
  const parentId = opts.parentId !== undefined ? opts.parentId : (messagesInOrder().at(-1)?.id ?? null);
  const user: ChatMessage = {
    id: crypto.randomUUID(),
    role: "user",
    parts,
    status: "done",
    createdAt: Date.now(),
  };
  const reply = newAnswer();
  state.append(user, reply);
  const status = await answer(reply, {
    ...(conversationId ? { conversationId, parentId } : {}),
    message: { id: user.id, content: wireContent(parts) },
  });
  if (status === "error" || status === "interrupted") {
    // The failed turn's text goes back into the composer, ready to edit or resend.
    const composer = useComposerStore.getState();
    if (!composer.draft.trim()) composer.setDraft(text);
  }
}

/**
 * A new answer to the question above `assistantId` (Retry after an error, Regenerate). If that
 * question never reached the server (the turn was refused), it is sent again instead.
 */
export async function retryTurn(assistantId: string, model?: ModelId): Promise<void> {
  if (isStreaming()) return;
  if (model) useModelStore.getState().setModel(model);
  const messages = messagesInOrder();
  const index = messages.findIndex((m) => m.id === assistantId);
  const question = messages[index - 1];
  if (index < 1 || question?.role !== "user") return;
  const chat = useChatStore.getState();
  chat.remove(messages.slice(index).map((m) => m.id));
  const composer = useComposerStore.getState();
  if (composer.draft === userText(question)) composer.setDraft("");
  const conversationId = chat.conversationId;
  if (!question.branch || !conversationId) {
    // Never saved: send the same message again (same id: the server keeps one copy at most).
    const reply = newAnswer();
    chat.append(reply);
    const parentId = messages[index - 2]?.id ?? null;
    await answer(reply, {
      ...(conversationId ? { conversationId, parentId } : {}),
      message: { id: question.id, content: wireContent(question.parts) },
    });
    return;
  }
  const reply = newAnswer();
  chat.append(reply);
  await answer(reply, { conversationId, parentId: question.id, regenerate: true });
}

/** The model carries on from a cut, stopped or interrupted answer, into the same message. */
export async function continueAnswer(assistantId: string): Promise<void> {
  const chat = useChatStore.getState();
  const message = chat.byId[assistantId];
  const conversationId = chat.conversationId;
  if (isStreaming() || !message || message.role !== "assistant" || !conversationId) return;
  chat.update(assistantId, { status: "streaming", meta: { ...message.meta, error: null } });
  await runTurn({
    messageId: assistantId,
    conversationId,
    builder: continuingBuilder(
      { parts: message.parts, meta: message.meta },
      { startedAt: Date.now(), model: message.model },
    ),
    start: { kind: "post", body: { ...common(), conversationId, continueMessageId: assistantId } },
  });
}

/**
 * Follows an answer still being written (a reload, another tab or instance writing it) from its
 * saved snapshot and the event that snapshot includes.
 */
export function resumeGeneration(record: MessageRecord, conversationId: string): void {
  if (!record.generationId) return;
  const builder = record.streamState
    ? restoreBuilder(record.streamState)
    : createMessageBuilder({ startedAt: Date.parse(record.createdAt), model: record.model ?? undefined });
  void runTurn({
    messageId: record.id,
    conversationId,
    builder,
    start: { kind: "resume", generationId: record.generationId, lastEventId: record.lastEventId ?? 0 },
  });
}
