"use client";
import { create } from "zustand";

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_STORAGE_KEY = "parley.theme";

/**
 * Runs before first paint (inlined by app/layout.tsx) so a dark-mode visitor never sees a white
 * flash. Kept as a string: it must not depend on the bundle having loaded.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var c=localStorage.getItem("${THEME_STORAGE_KEY}");var d=c==="dark"||((!c||c==="system")&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

function systemPrefersDark(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === "dark" || (choice === "system" && systemPrefersDark());
  document.documentElement.classList.toggle("dark", dark);
}

type ThemeState = {
  choice: ThemeChoice;
  setChoice: (choice: ThemeChoice) => void;
  /** Reads the saved choice and follows system changes while the choice is "system". */
  init: () => () => void;
};

export const useThemeStore = create<ThemeState>((set, get) => ({
  choice: "system",
  setChoice: (choice) => {
    try {
      localStorage.setItem(THEME_STORAGE_KEY, choice);
    } catch {}
    applyTheme(choice);
    set({ choice });
  },
  init: () => {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {}
    if (saved === "light" || saved === "dark" || saved === "system") set({ choice: saved });
    applyTheme(get().choice);
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => {
      if (get().choice === "system") applyTheme("system");
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  },
}));
