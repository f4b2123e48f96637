"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { findConversation, placeConversation, restoreLists, snapshotLists } from "./conversation-cache";
import {
  type ConversationRecord,
  deleteConversation,
  patchConversation,
  restoreConversation,
} from "./conversations-api";
import { queryKeys } from "./keys";
import { showToast } from "./toast-store";

type EditVars = { id: string; patch: Partial<Pick<ConversationRecord, "title" | "pinned" | "archived">> };

/**
 * Sidebar edits, applied to the cached lists at once and rolled back if the server refuses.
 * One mutation scope: edits reach the server in the order they were made, so an Undo can never
 * overtake the delete it undoes.
 */
const scope = { id: "conversations" };
const mutationKey = ["conversations"];

export function useConversationActions() {
  const qc = useQueryClient();
  const lists = queryKeys.conversations.lists();

  /** Refetch once the last edit in a burst settles, so a refetch never undoes a pending one. */
  const settle = () => {
    if (qc.isMutating({ mutationKey }) <= 1) void qc.invalidateQueries({ queryKey: lists });
  };
  /** `next`: where the row goes (null: gone); undefined leaves the lists as they are. */
  const optimistic = async (id: string, next: ConversationRecord | null | undefined) => {
    await qc.cancelQueries({ queryKey: lists });
    const snapshot = snapshotLists(qc);
    if (next !== undefined) placeConversation(qc, id, next);
    return { snapshot };
  };
  const failed =
    (what: string) => (_e: unknown, _v: unknown, ctx?: { snapshot: ReturnType<typeof snapshotLists> }) => {
      if (ctx) restoreLists(qc, ctx.snapshot);
      showToast({ message: `Could not ${what}. Please try again.`, tone: "error" });
    };

  const edit = useMutation({
    mutationKey,
    scope,
    mutationFn: ({ id, patch }: EditVars) => patchConversation(id, patch),
    onMutate: ({ id, patch }) => {
      const current = findConversation(qc, id);
      return optimistic(id, current && { ...current, ...patch });
    },
    onError: failed("save the change"),
    onSuccess: ({ conversation }) => placeConversation(qc, conversation.id, conversation),
    onSettled: settle,
  });

  const restore = useMutation({
    mutationKey,
    scope,
    mutationFn: (conv: ConversationRecord) => restoreConversation(conv.id),
    onMutate: (conv) => optimistic(conv.id, conv),
    onError: failed("restore the conversation"),
    onSettled: settle,
  });

  const remove = useMutation({
    mutationKey,
    scope,
    mutationFn: (conv: ConversationRecord) => deleteConversation(conv.id),
    onMutate: async (conv) => {
      const ctx = await optimistic(conv.id, null);
      showToast({
        message: `Deleted “${conv.title || "New chat"}”`,
        action: { label: "Undo", testId: "undo-button", run: () => restore.mutate(conv) },
      });
      return ctx;
    },
    onError: failed("delete the conversation"),
    onSettled: settle,
  });

  return {
    rename: (id: string, title: string) => edit.mutate({ id, patch: { title } }),
    setPinned: (id: string, pinned: boolean) => edit.mutate({ id, patch: { pinned } }),
    setArchived: (id: string, archived: boolean) => edit.mutate({ id, patch: { archived } }),
    remove: (conv: ConversationRecord) => remove.mutate(conv),
  };
}
