"use client";
import { create } from "zustand";

/** A short notice at the bottom of the screen, optionally with one action (Undo). */
export type Toast = {
  id: number;
  message: string;
  tone?: "info" | "error";
  action?: { label: string; testId?: string; run: () => void };
};

type ToastState = {
  toasts: Toast[];
  show: (toast: Omit<Toast, "id">) => number;
  dismiss: (id: number) => void;
};

/** More than this and the oldest go: a burst of deletes must not cover the screen. */
const MAX_TOASTS = 3;
let nextId = 1;

export const useToastStore = create<ToastState>((set) => ({
  toasts: [],
  show: (toast) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const showToast = (toast: Omit<Toast, "id">) => useToastStore.getState().show(toast);
