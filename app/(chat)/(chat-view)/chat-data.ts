import "server-only";
import { cookies } from "next/headers";
import type { SessionUser } from "@/lib/auth/identity";
import {
  type ConversationDetail,
  type ConversationPage,
  OPEN_PAGE_SIZE,
  SIDEBAR_PAGE_SIZE,
} from "@/lib/client/conversations-api";
import type { ConversationView } from "@/lib/client/keys";
import { TIME_ZONE_COOKIE } from "@/lib/client/sidebar-clock";
import type { ServerConfig } from "@/lib/client/use-server-config";
import { getDb } from "@/lib/db/client";
import { getConversation } from "@/lib/db/queries/conversations";
import { listConversations } from "@/lib/db/queries/list-conversations";
import { listMessages } from "@/lib/db/queries/list-messages";
import { serverConfig } from "@/lib/server-config";

/**
 * What the chat's first render needs, read on the server with the queries and arguments the API
 * routes use, and serialised as they serialise it (JSON: dates become ISO strings), so the
 * browser's caches hold exactly what its own requests would have brought.
 */
function asJson<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export type SidebarData = {
  pinned: ConversationPage;
  active: ConversationPage;
  config: ServerConfig;
};

/** The first page of each section the sidebar shows (GET /api/conversations?pinned=1|0), and /api/config. */
export async function loadSidebar(user: SessionUser): Promise<SidebarData> {
  const db = await getDb();
  const page = (view: Exclude<ConversationView, "archived">) =>
    listConversations(db, { userId: user.id, pinned: view === "pinned", limit: SIDEBAR_PAGE_SIZE });
  const [pinned, active, config] = await Promise.all([
    page("pinned"),
    page("active"),
    serverConfig(db, user),
  ]);
  return { pinned: asJson(pinned), active: asJson(active), config: asJson(config) };
}

/** GET /api/conversations/<id>: the conversation and its latest page; null when not this user's. */
export async function loadConversation(
  user: SessionUser,
  conversationId: string,
): Promise<ConversationDetail | null> {
  const db = await getDb();
  const ids = { userId: user.id, conversationId };
  const conversation = await getConversation(db, ids);
  if (!conversation) return null;
  const page = await listMessages(db, { ...ids, limit: OPEN_PAGE_SIZE });
  return asJson({ conversation, ...page });
}

/** The viewer's time zone (a cookie the chat sets), for the sidebar's Today / Yesterday groups. */
export async function viewerTimeZone(): Promise<string> {
  const named = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  if (named) {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone: named }).resolvedOptions().timeZone;
    } catch {
      // Not a zone this server knows: its own below.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
