"use client";
import { usePathname } from "next/navigation";

/** `/c/<id>` → id; anything else (`/`) is a new chat. */
export function conversationIdFromPath(pathname: string): string | null {
  const match = /^\/c\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * The conversation the URL names. Read from the pathname rather than the page's params because
 * the chat replaces `/` with `/c/<id>` (history.replaceState) once the first turn is saved, and
 * Next keeps usePathname in step with that without re-rendering the route.
 */
export function useRouteConversationId(): string | null {
  return conversationIdFromPath(usePathname() ?? "/");
}
