"use client";
import { Button } from "@/components/ui/button";
import { MenuIcon } from "@/components/ui/icons";
import { useUiStore } from "@/lib/client/ui-store";

/** Opens the conversation list on narrow screens (from `md` up it is always shown). */
export function SidebarToggle() {
  const open = useUiStore((s) => s.sidebarOpen);
  const setOpen = useUiStore((s) => s.setSidebarOpen);
  return (
    <Button
      variant="ghost"
      size="icon"
      data-testid="sidebar-toggle"
      aria-label="Conversations"
      aria-expanded={open}
      aria-controls="sidebar"
      onClick={() => setOpen(!open)}
      className="md:hidden"
    >
      <MenuIcon />
    </Button>
  );
}
