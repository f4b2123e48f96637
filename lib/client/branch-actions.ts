"use client";
/**
 * The conversation as a tree: editing a question or regenerating an answer adds a sibling (the
 * server hangs it under the same parent), and the "2 / 3" switcher moves the conversation's
 * current leaf. The server builds what the gateway sees from that path.
 */
import type { ModelId } from "@/lib/stream/wire";
import { isStreaming, retryTurn, sendMessage } from "./chat-actions";
import { messagesInOrder, useChatStore } from "./chat-store";
import type { ChatMessage } from "./chat-types";
import { fetchConversation, patchConversation } from "./conversations-api";
import { useEditStore } from "./edit-store";
import { showConversation } from "./open-conversation";
import { showToast } from "./toast-store";

/** The message's id once the server has it (its place in the tree is known), else undefined. */
export function savedIdOf(m: ChatMessage | undefined): string | undefined {
  return m?.branch ? m.id : undefined;
}

/**
 * "Save & submit": the edited question becomes a sibling of the original (same parent) and gets
 * its own answer; the original and its answers stay one click away in the switcher. Its images go
 * along as they are (saved ones by their attachment URL).
 */
export async function editAndResend(messageId: string, text: string): Promise<void> {
  if (!text.trim() || isStreaming()) return;
  const messages = messagesInOrder();
  const index = messages.findIndex((m) => m.id === messageId);
  const original = messages[index];
  if (original?.role !== "user") return;
  useEditStore.getState().stopEditing();
  // The branch below the original leaves the screen; the new question takes its place.
  useChatStore.getState().remove(messages.slice(index).map((m) => m.id));
  const parentId = original.branch ? original.branch.parentId : (messages[index - 1]?.id ?? null);
  await sendMessage(text, [], { parentId, imageParts: original.parts.filter((p) => p.type === "image") });
}

/** Another answer to the same question, optionally from the other model (a sibling answer). */
export async function regenerate(assistantId: string, model?: ModelId): Promise<void> {
  await retryTurn(assistantId, model);
}

/** Shows the branch through `siblingId` (the server moves the leaf to its newest descendant). */
export async function showSibling(siblingId: string): Promise<void> {
  const conversationId = useChatStore.getState().conversationId;
  if (!conversationId || isStreaming()) return;
  try {
    await patchConversation(conversationId, { branchMessageId: siblingId });
    const detail = await fetchConversation(conversationId);
    // The user may have opened another conversation or sent a message meanwhile.
    if (useChatStore.getState().conversationId !== conversationId || isStreaming()) return;
    showConversation(detail);
  } catch {
    showToast({ message: "Could not switch to that version. Please try again.", tone: "error" });
  }
}
