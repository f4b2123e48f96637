import { ChatPane } from "@/components/chat/chat-pane";

/** A new chat. */
export default function NewChatPage() {
  return <ChatPane detail={null} renderedAt={Date.now()} />;
}
