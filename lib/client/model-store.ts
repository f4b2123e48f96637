"use client";
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import { MODELS, type ModelId } from "@/lib/stream/wire";

type ModelState = { model: ModelId; setModel: (model: ModelId) => void };

/**
 * The chosen model, remembered between visits (localStorage). Hydration is manual
 * (`rehydrate()` after mount) so the server-rendered HTML and the first client render agree.
 */
export const useModelStore = create<ModelState>()(
  persist(
    (set) => ({
      model: "anthropic/claude-sonnet-4.6",
      setModel: (model) => set({ model }),
    }),
    {
      name: "parley.model",
      storage: createJSONStorage(() => localStorage),
      skipHydration: true,
      merge: (persisted, current) => {
        const model = (persisted as { model?: string } | undefined)?.model;
        return (MODELS as readonly string[]).includes(model ?? "")
          ? { ...current, model: model as ModelId }
          : current;
      },
    },
  ),
);

export const MODEL_INFO: Record<ModelId, { label: string; description: string }> = {
  "anthropic/claude-sonnet-4": {
    label: "Claude Sonnet 4",
    description: "Answers straight away.",
  },
  "anthropic/claude-sonnet-4.6": {
    label: "Claude Sonnet 4.6",
    description: "Thinks before answering (you can read its thinking).",
  },
};
