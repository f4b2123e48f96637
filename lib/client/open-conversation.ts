"use client";
import { leaveConversation, resumeGeneration } from "./chat-actions";
import { type ChatSnapshot, chatSnapshot, useChatStore } from "./chat-store";
import type { ChatMessage } from "./chat-types";
import type { ConversationDetail } from "./conversations-api";
import { useEditStore } from "./edit-store";
import { asModelId, chatMessageFromStored, settingsFromStored } from "./from-stored";
import { useModelStore } from "./model-store";
import { useSettingsStore } from "./settings-store";
import { olderCursorOf } from "./use-older-messages";

/** A saved conversation's branch as the chat store holds it. */
export function conversationSnapshot(detail: ConversationDetail): ChatSnapshot {
  const { conversation, messages } = detail;
  const jsonMode = conversation.settings.json_mode ?? false;
  const chat = messages
    .map((m) => chatMessageFromStored(m, jsonMode))
    .filter((m): m is ChatMessage => m !== null);
  // The cursor lets the list load older messages as the user scrolls up (use-older-messages).
  return chatSnapshot(conversation.id, chat, olderCursorOf(detail));
}

/**
 * Puts a saved conversation on screen: its branch, and its model and settings in the pickers,
 * so the next message continues it exactly as it was set up. `snapshot`: the one the server
 * render used, when there is one (the store then holds the very arrays hydration rendered).
 */
export function showConversation(
  detail: ConversationDetail,
  snapshot: ChatSnapshot = conversationSnapshot(detail),
): void {
  const { conversation } = detail;
  useEditStore.getState().stopEditing();
  leaveConversation();
  useChatStore.getState().loadSnapshot(snapshot);
  const model = asModelId(conversation.model);
  if (model) useModelStore.getState().setModel(model);
  useSettingsStore.getState().save(settingsFromStored(conversation.settings));
  resumeIfStreaming(detail);
}

/**
 * An answer still being written (this tab was reloaded, or another tab or instance is writing it):
 * show its saved snapshot and follow the generation from the event that snapshot includes.
 */
function resumeIfStreaming(detail: ConversationDetail): void {
  const record = detail.messages.findLast((m) => m.status === "streaming" && m.generationId);
  if (!record?.generationId) return;
  resumeGeneration(record, detail.conversation.id);
}

/** An empty chat at `/`. The model stays as chosen; settings go back to their defaults. */
export function showNewChat(): void {
  leaveConversation();
  useEditStore.getState().stopEditing();
  useChatStore.getState().load(null, []);
  useSettingsStore.getState().reset();
}
