/**
 * The browser's side of share links: create one for a conversation (and copy it), list and
 * revoke the owner's links.
 */
import type { ShareSummary } from "@/lib/db/queries/shares";
import { request } from "./conversations-api";

export type ShareRecord = Omit<ShareSummary, "createdAt"> & { createdAt: string; url: string };

export const absoluteShareUrl = (path: string) => new URL(path, window.location.origin).href;

export function createShareLink(conversationId: string) {
  return request<{ share: ShareRecord }>(`/api/conversations/${encodeURIComponent(conversationId)}/shares`, {
    method: "POST",
  });
}

export async function fetchShares(signal?: AbortSignal): Promise<ShareRecord[]> {
  return (await request<{ shares: ShareRecord[] }>("/api/shares", { signal })).shares;
}

export function revokeShareLink(id: string) {
  return request<{ ok: true }>(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** True when the clipboard took it; false where the browser refuses (no focus, no permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
