import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ChatShell } from "@/components/chat/chat-shell";
import { pageUser } from "@/lib/auth/page-user";
import { queryKeys } from "@/lib/client/keys";
import { loadSidebar, viewerTimeZone } from "./chat-data";

/**
 * `/` and `/c/<id>`: the sidebar's first pages and the server's config are read here and handed
 * to the browser's query cache (no request for them after load). A layout, so moving between
 * conversations re-renders only the page below it, never the list.
 */
export default async function ChatViewLayout({ children }: { children: ReactNode }) {
  const { user } = await pageUser();
  // The (chat) layout checks this too, but layouts render side by side: each guards its own data.
  if (!user) redirect("/sign-in");
  if (user.role === "pending") redirect("/pending");
  const [{ pinned, active, config }, timeZone] = await Promise.all([loadSidebar(user), viewerTimeZone()]);
  const cache = new QueryClient();
  cache.setQueryData(queryKeys.config, config);
  // useConversationList's infinite queries: one page each, fetched without a cursor.
  cache.setQueryData(queryKeys.conversations.list("pinned"), { pages: [pinned], pageParams: [null] });
  cache.setQueryData(queryKeys.conversations.list("active"), { pages: [active], pageParams: [null] });
  return (
    <HydrationBoundary state={dehydrate(cache)}>
      <ChatShell clock={{ now: Date.now(), timeZone }}>{children}</ChatShell>
    </HydrationBoundary>
  );
}
