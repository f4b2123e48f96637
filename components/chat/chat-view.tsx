"use client";
import { useEffect } from "react";
import { isStreaming, stopStreaming } from "@/lib/client/chat-actions";
import { useModelStore } from "@/lib/client/model-store";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { DemoBanner } from "./demo-banner";
import { MessageList } from "./message-list";
import { SettingsPanel } from "./settings-panel";

/** The chat page: header, demo note, conversation, composer, and the settings panel beside them. */
export function ChatView() {
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
      <div className="flex min-w-0 flex-1 flex-col">
        <ChatHeader />
        <DemoBanner />
        <main className="flex min-h-0 flex-1 flex-col">
          <MessageList />
          <Composer />
        </main>
      </div>
      <SettingsPanel />
    </div>
  );
}
