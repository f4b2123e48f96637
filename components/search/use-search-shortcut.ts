"use client";
import { useEffect } from "react";
import { useSearchStore } from "@/lib/client/search-store";

/** Ctrl+K (Cmd+K on a Mac) opens search from anywhere, even while typing; again, it closes. */
export function useSearchShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "k" || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      e.preventDefault(); // the browser's own Ctrl+K focuses its address bar
      const { open, setOpen } = useSearchStore.getState();
      setOpen(!open);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
