"use client";
import { useEffect } from "react";
import { useSearchStore } from "@/lib/client/search-store";

/**
 * Ctrl+K (Cmd+K on a Mac) opens search from anywhere, even while typing; again, it closes.
 * `onModifier` runs when Ctrl or Cmd goes down, a moment before the K: the dialog's code can start
 * loading then, so it is ready when the K arrives and no typed letter is lost.
 */
export function useSearchShortcut(onModifier?: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Control" || e.key === "Meta") onModifier?.();
      if (e.key.toLowerCase() !== "k" || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      e.preventDefault(); // the browser's own Ctrl+K focuses its address bar
      const { open, setOpen } = useSearchStore.getState();
      setOpen(!open);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onModifier]);
}
