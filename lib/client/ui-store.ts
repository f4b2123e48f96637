"use client";
import { create } from "zustand";

/** Open panels and other view-only state. */
type UiState = {
  settingsOpen: boolean;
  setSettingsOpen: (open: boolean) => void;
};

export const useUiStore = create<UiState>((set) => ({
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
}));
