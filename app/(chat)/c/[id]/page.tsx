import { ChatView } from "@/components/chat/chat-view";

/** A saved conversation. ChatView reads the id from the URL and loads it (see useOpenConversation). */
export default function ConversationPage() {
  return <ChatView />;
}
