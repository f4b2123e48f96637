"use client";
import { create } from "zustand";
import type { Attachment } from "./chat-types";

type ComposerState = {
  draft: string;
  attachments: Attachment[];
  /** A message for the user about attachments (too big, wrong type). */
  notice: string | null;
  setDraft: (draft: string) => void;
  addAttachments: (items: Attachment[]) => void;
  removeAttachment: (id: string) => void;
  setNotice: (notice: string | null) => void;
  clear: () => void;
};

export const useComposerStore = create<ComposerState>((set) => ({
  draft: "",
  attachments: [],
  notice: null,
  setDraft: (draft) => set({ draft }),
  addAttachments: (items) => set((s) => ({ attachments: [...s.attachments, ...items] })),
  removeAttachment: (id) => set((s) => ({ attachments: s.attachments.filter((a) => a.id !== id) })),
  setNotice: (notice) => set({ notice }),
  clear: () => set({ draft: "", attachments: [], notice: null }),
}));
