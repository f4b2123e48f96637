"use client";
import { Button } from "@/components/ui/button";
import { SlidersIcon } from "@/components/ui/icons";
import { useChatStore } from "@/lib/client/chat-store";
import { useUiStore } from "@/lib/client/ui-store";
import { ShareButton } from "../share/share-button";
import { SidebarToggle } from "../sidebar/sidebar-toggle";
import { ModelPicker } from "./model-picker";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function ChatHeader() {
  const streaming = useChatStore((s) => s.activeId !== null);
  const settingsOpen = useUiStore((s) => s.settingsOpen);
  const setSettingsOpen = useUiStore((s) => s.setSettingsOpen);
  return (
    <header className="flex items-center gap-2 border-b border-border px-3 py-2 sm:px-4">
      <SidebarToggle />
      <h1 className="mr-auto text-base font-semibold">Parley</h1>
      <ModelPicker disabled={streaming} />
      <ShareButton />
      <Button
        variant={settingsOpen ? "secondary" : "ghost"}
        size="icon"
        data-testid="settings-toggle"
        aria-label="Conversation settings"
        aria-expanded={settingsOpen}
        aria-controls="settings-panel"
        onClick={() => setSettingsOpen(!settingsOpen)}
      >
        <SlidersIcon />
      </Button>
      <ThemeToggle />
      <UserMenu />
    </header>
  );
}
