import { redirect } from "next/navigation";
import { ChatPane } from "@/components/chat/chat-pane";
import { pageUser } from "@/lib/auth/page-user";
import { loadConversation } from "../../chat-data";

/**
 * A saved conversation, rendered with its latest messages. Another user's, a deleted or an unknown
 * id is "not found" (the same answer, so ids cannot be probed).
 */
export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { user }] = await Promise.all([params, pageUser()]);
  if (!user) redirect("/sign-in");
  const detail = await loadConversation(user, id);
  return <ChatPane detail={detail} missing={!detail} renderedAt={Date.now()} />;
}
