"use client";
/**
 * The conversation as a tree: editing a question or regenerating an answer adds a sibling (the
 * server hangs it under the same parent), and the "2 / 3" switcher moves the conversation's
 * current leaf. The gateway only ever sees the branch on screen, because requests are built from
 * the messages the store shows.
 */
import type { ModelId } from "@/lib/stream/wire";
import { isStreaming, retryTurn, sendMessage, whenSettled } from "./chat-actions";
import { messagesInOrder, useChatStore } from "./chat-store";
import type { Attachment, ChatMessage } from "./chat-types";
import { fetchConversation, patchConversation } from "./conversations-api";
import { useEditStore } from "./edit-store";
import { useModelStore } from "./model-store";
import { showConversation } from "./open-conversation";
import { showToast } from "./toast-store";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server's id of a message: loaded ones use it as their id, sent ones learn it from parley.saved. */
export function savedIdOf(m: ChatMessage | undefined): string | undefined {
  if (!m) return undefined;
  return m.serverId ?? (UUID.test(m.id) ? m.id : undefined);
}

/**
 * A saved image is a `/api/attachments/<id>` URL, which POST /api/chat does not take: the edited
 * question carries its images again as data URLs (the server stores them as new attachments).
 */
async function imagesAsAttachments(m: ChatMessage): Promise<Attachment[]> {
  const images = m.parts.filter((p) => p.type === "image");
  return Promise.all(
    images.map(async (p, i) => {
      if (p.url.startsWith("data:") || p.url.startsWith("https:")) {
        return {
          id: `edit-${i}`,
          name: "image",
          url: p.url,
          mediaType: p.mediaType ?? "image/png",
          bytes: p.bytes ?? 0,
          width: p.width ?? 0,
          height: p.height ?? 0,
        };
      }
      const blob = await (await fetch(p.url)).blob();
      const url = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
      return {
        id: `edit-${i}`,
        name: "image",
        url,
        mediaType: blob.type,
        bytes: blob.size,
        width: p.width ?? 0,
        height: p.height ?? 0,
      };
    }),
  );
}

/**
 * "Save & submit": the edited question becomes a sibling of the original (same parent) and gets
 * its own answer; the original and its answers stay one click away in the switcher.
 */
export async function editAndResend(messageId: string, text: string): Promise<void> {
  if (!text.trim() || !(await whenSettled())) return;
  const messages = messagesInOrder();
  const index = messages.findIndex((m) => m.id === messageId);
  const original = messages[index];
  if (original?.role !== "user") return;
  let images: Attachment[];
  try {
    images = await imagesAsAttachments(original);
  } catch {
    showToast({ message: "The message’s images could not be loaded. Try again.", tone: "error" });
    return;
  }
  if (isStreaming()) return;
  useEditStore.getState().stopEditing();
  // The branch below the original leaves the screen; the new question takes its place.
  useChatStore.getState().remove(messages.slice(index).map((m) => m.id));
  await sendMessage(text, images);
}

/** Another answer to the same question, optionally from the other model (a sibling answer). */
export async function regenerate(assistantId: string, model?: ModelId): Promise<void> {
  if (isStreaming()) return;
  // The conversation continues on the model that answered last, like any turn sent with it.
  if (model) useModelStore.getState().setModel(model);
  await retryTurn(assistantId);
}

/** Shows the branch through `siblingId` (the server moves the leaf to its newest descendant). */
export async function showSibling(siblingId: string): Promise<void> {
  const conversationId = useChatStore.getState().conversationId;
  // Waits out the previous turn's final save, so the branch read back includes it.
  if (!conversationId || !(await whenSettled())) return;
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
