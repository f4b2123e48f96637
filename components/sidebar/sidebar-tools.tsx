"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { DownloadIcon, SearchIcon, SparkIcon, WrenchIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { useSearchStore } from "@/lib/client/search-store";

/** Import, export and shared links load the first time the dialog opens. */
const DataDialog = dynamic(() => import("@/components/import-export/data-dialog").then((m) => m.DataDialog), {
  ssr: false,
});

/** "Ctrl K", or "⌘K" on Apple keyboards; known only in the browser, so decided after mount. */
function useShortcutLabel(): string {
  const [label, setLabel] = useState("Ctrl K");
  useEffect(() => {
    if (/Mac|iPhone|iPad/.test(navigator.platform)) setLabel("⌘K");
  }, []);
  return label;
}

/** The sidebar's search button and its import/export dialog. */
export function SidebarTools() {
  const openSearch = useSearchStore((s) => s.setOpen);
  const [dataOpen, setDataOpen] = useState(false);
  const shortcut = useShortcutLabel();
  return (
    <div className="flex flex-col gap-0.5" data-testid="sidebar-tools">
      <Button
        variant="ghost"
        align="start"
        className="w-full"
        data-testid="open-search"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={() => openSearch(true)}
      >
        <SearchIcon />
        <span className="flex-1 text-left">Search</span>
        <kbd className="rounded border border-border px-1 font-sans text-[11px] text-fg-muted">
          {shortcut}
        </kbd>
      </Button>
      <Button
        variant="ghost"
        align="start"
        className="w-full"
        data-testid="open-data"
        aria-haspopup="dialog"
        onClick={() => setDataOpen(true)}
      >
        <DownloadIcon />
        Data and sharing
      </Button>
      <Link
        href="/compare"
        data-testid="open-compare"
        className={cn(buttonVariants({ variant: "ghost", align: "start" }), "w-full")}
      >
        <SparkIcon />
        Compare models
      </Link>
      <Link
        href="/usage"
        data-testid="open-usage"
        className={cn(buttonVariants({ variant: "ghost", align: "start" }), "w-full")}
      >
        <SparkIcon />
        Usage and API keys
      </Link>
      <Link
        href="/tools"
        data-testid="open-tools"
        className={cn(buttonVariants({ variant: "ghost", align: "start" }), "w-full")}
      >
        <WrenchIcon />
        Tools and MCP servers
      </Link>
      {dataOpen && <DataDialog onClose={() => setDataOpen(false)} />}
    </div>
  );
}
