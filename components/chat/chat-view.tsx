"use client";
import { useEffect } from "react";
import { isStreaming, stopStreaming } from "@/lib/client/chat-actions";
import { useModelStore } from "@/lib/client/model-store";
import { useCatchUpOnReturn } from "@/lib/client/use-catch-up-on-return";
import { useOpenConversation } from "@/lib/client/use-open-conversation";
import { Sidebar } from "../sidebar/sidebar";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { ConversationStatus } from "./conversation-status";
import { DemoBanner } from "./demo-banner";
import { MessageList } from "./message-list";
import { SettingsPanel } from "./settings-panel";

/**
 * The chat page: the conversation list, then header, demo note, conversation and composer, and
 * the settings panel beside them. `/` and `/c/<id>` both render this; the URL picks what it shows.
 */
export function ChatView() {
  const open = useOpenConversation();
  useCatchUpOnReturn();
  useEffect(() => {
    void useModelStore.persist.rehydrate();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && isStreaming()) {
        e.preventDefault();
        stopStreaming();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div className="flex h-dvh">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <ChatHeader />
        <DemoBanner />
        <main className="flex min-h-0 flex-1 flex-col">
          {open.state === "ready" ? (
            <MessageList />
          ) : (
            <ConversationStatus state={open.state} retry={open.retry} />
          )}
          <Composer />
        </main>
      </div>
      <SettingsPanel />
    </div>
  );
}
