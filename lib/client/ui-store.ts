"use client";
import { create } from "zustand";

/** Open panels and other view-only state. */
type UiState = {
  settingsOpen: boolean;
  setSettingsOpen: (open: boolean) => void;
  /** The conversation list as a drawer on narrow screens (always shown from `md` up). */
  sidebarOpen: boolean;
  setSidebarOpen: (open: boolean) => void;
};

export const useUiStore = create<UiState>((set) => ({
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  sidebarOpen: false,
  setSidebarOpen: (sidebarOpen) => set({ sidebarOpen }),
}));
