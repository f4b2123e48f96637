/**
 * The browser's side of /api/conversations: typed fetches that throw on an error answer, so
 * TanStack Query sees failures (and rolls optimistic updates back).
 */
import type { Conversation } from "@/lib/db/queries/columns";
import type { MessageWithSiblings } from "@/lib/db/queries/list-messages";

/** A row as JSON carries it: dates become ISO strings. */
type OverWire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

export type ConversationRecord = OverWire<Conversation>;
export type MessageRecord = OverWire<MessageWithSiblings>;
export type ConversationPage = { items: ConversationRecord[]; nextCursor: string | null };
export type ConversationDetail = {
  conversation: ConversationRecord;
  messages: MessageRecord[];
  hasMore: boolean;
};
export type ConversationPatch = Partial<Pick<ConversationRecord, "title" | "pinned" | "archived">> & {
  branchMessageId?: string;
};

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: init?.body ? { "Content-Type": "application/json" } : undefined,
  });
  const json = (await res.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string } })
    | null;
  if (!res.ok) {
    throw new ApiRequestError(
      res.status,
      json?.error?.code ?? "internal",
      json?.error?.message ?? `The server answered ${res.status}.`,
    );
  }
  return json as T;
}

const VIEW_QUERY = { active: "pinned=0", pinned: "pinned=1", archived: "archived=1" } as const;

/** What the sidebar asks for, a page at a time (the server renders the first ones: same size). */
export const SIDEBAR_PAGE_SIZE = 30;
/** The latest messages of a conversation shown when it opens (the server renders the same page). */
export const OPEN_PAGE_SIZE = 50;

export function fetchConversationPage(
  view: keyof typeof VIEW_QUERY,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const cursorParam = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
  return request(`/api/conversations?${VIEW_QUERY[view]}&limit=${SIDEBAR_PAGE_SIZE}${cursorParam}`, {
    signal,
  });
}

/** The conversation and the latest messages of the branch on screen (older ones: scroll up). */
export function fetchConversation(
  id: string,
  signal?: AbortSignal,
  limit = OPEN_PAGE_SIZE,
): Promise<ConversationDetail> {
  return request(`/api/conversations/${encodeURIComponent(id)}?limit=${limit}`, { signal });
}

export function patchConversation(id: string, patch: ConversationPatch) {
  return request<{ conversation: ConversationRecord }>(`/api/conversations/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: JSON.stringify(patch),
  });
}

/** Soft delete: restoreConversation brings it back (the Undo toast). */
export function deleteConversation(id: string) {
  return request<{ ok: true }>(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function restoreConversation(id: string) {
  return request<{ conversation: ConversationRecord }>(
    `/api/conversations/${encodeURIComponent(id)}?action=restore`,
    { method: "POST" },
  );
}
