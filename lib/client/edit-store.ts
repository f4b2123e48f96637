"use client";
import { create } from "zustand";

/** The user message being edited in place (one at a time), if any. */
type EditState = {
  editingId: string | null;
  startEditing: (id: string) => void;
  stopEditing: () => void;
};

export const useEditStore = create<EditState>((set) => ({
  editingId: null,
  startEditing: (editingId) => set({ editingId }),
  stopEditing: () => set({ editingId: null }),
}));
