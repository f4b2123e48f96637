"use client";
import { type ReactNode, useEffect } from "react";
import { isStreaming, preloadTurns, stopStreaming } from "@/lib/client/chat-actions";
import { whenIdle } from "@/lib/client/idle-queue";
import { useModelStore } from "@/lib/client/model-store";
import { ServerClock, type SidebarClock, useTimeZoneCookie } from "@/lib/client/sidebar-clock";
import { useCatchUpOnReturn } from "@/lib/client/use-catch-up-on-return";
import { Sidebar } from "../sidebar/sidebar";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { DemoBanner } from "./demo-banner";
import { preloadLateParts } from "./late-parts";
import { SettingsPanel } from "./settings-panel";

/**
 * The chat around the conversation: the conversation list, then header, demo note, the page's
 * conversation (`children`: `/` or `/c/<id>`) and composer, and the settings panel beside them.
 * The chat's layout renders it, so it stays mounted from one conversation to the next.
 */
export function ChatShell({ clock, children }: { clock: SidebarClock; children: ReactNode }) {
  useCatchUpOnReturn();
  useTimeZoneCookie(clock.timeZone);
  useEffect(() => {
    void useModelStore.persist.rehydrate();
    // Sending is not part of the first screen, so its code loads on demand: fetch it once the
    // page is idle after hydration, so the first send (or Retry, Continue) does not wait for it.
    // The message parts few messages show (late-parts.tsx) come along: a streamed answer may need them.
    const cancelPreload = whenIdle(() => {
      preloadTurns();
      preloadLateParts();
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && isStreaming()) {
        e.preventDefault();
        stopStreaming();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      cancelPreload();
      window.removeEventListener("keydown", onKey);
    };
  }, []);
  return (
    <ServerClock value={clock}>
      <div className="flex h-dvh">
        <Sidebar />
        <div className="flex min-w-0 flex-1 flex-col">
          <ChatHeader />
          <DemoBanner />
          <main data-chat-column="" className="flex min-h-0 flex-1 flex-col">
            {children}
            <Composer />
            {/* Parsed last: until then the server-drawn messages stay hidden (message-tail.tsx). */}
            <div data-chat-end="" hidden />
          </main>
        </div>
        <SettingsPanel />
      </div>
    </ServerClock>
  );
}
