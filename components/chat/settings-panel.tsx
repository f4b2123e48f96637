"use client";
import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { useUiStore } from "@/lib/client/ui-store";

/** The fields (and the tool lists they need) load the first time the panel opens. */
const SettingsForm = dynamic(() => import("./settings-form").then((m) => m.SettingsForm), {
  ssr: false,
  loading: () => <p className="text-sm text-fg-muted">Loading settings…</p>,
});

/** The conversation's settings beside the chat, while open. */
export function SettingsPanel() {
  const open = useUiStore((s) => s.settingsOpen);
  const setOpen = useUiStore((s) => s.setSettingsOpen);
  if (!open) return null;
  return (
    <aside
      id="settings-panel"
      data-testid="settings-panel"
      aria-label="Conversation settings"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          setOpen(false);
        }
      }}
      className="fixed inset-0 z-20 overflow-y-auto bg-bg p-4 sm:inset-y-0 sm:right-0 sm:left-auto sm:w-96 sm:border-l sm:border-border sm:shadow-xl lg:static lg:z-auto lg:shadow-none"
    >
      <div className="mb-4 flex items-center justify-between">
        <h2 className="text-base font-semibold">Conversation settings</h2>
        <Button variant="ghost" size="icon-sm" aria-label="Close settings" onClick={() => setOpen(false)}>
          <CloseIcon />
        </Button>
      </div>
      <SettingsForm />
    </aside>
  );
}
