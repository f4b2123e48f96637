"use client";
import { useEffect, useId } from "react";
import { Select } from "@/components/ui/select";
import { MODEL_INFO, useModelStore } from "@/lib/client/model-store";
import { useServerConfig } from "@/lib/client/use-server-config";
import { MODELS, type ModelId } from "@/lib/stream/wire";

let defaultApplied = false;

/**
 * Chooses the model for the next message among those the admin offers (GET /api/config); the
 * choice is remembered between visits. A remembered model that is no longer offered gives way to
 * the admin's default.
 */
export function ModelPicker({ disabled }: { disabled?: boolean }) {
  const model = useModelStore((s) => s.model);
  const setModel = useModelStore((s) => s.setModel);
  const { data: config } = useServerConfig();
  const offered = MODELS.filter((m) => !config?.models || config.models.includes(m));
  const fallback = offered.find((m) => m === config?.defaultModel) ?? offered[0];
  useEffect(() => {
    if (!config?.models || !fallback) return;
    // A browser that never chose (nothing remembered) starts on the admin's default, once.
    const unchosen =
      !defaultApplied && localStorage.getItem(useModelStore.persist.getOptions().name ?? "") === null;
    defaultApplied = true;
    if ((unchosen || !config.models.includes(model)) && model !== fallback) setModel(fallback);
  }, [config?.models, model, fallback, setModel]);
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col">
      <label htmlFor={id} className="sr-only">
        Model
      </label>
      <Select
        id={id}
        data-testid="model-picker"
        value={model}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setModel(e.target.value as ModelId)}
        className="max-w-[11rem] sm:max-w-none"
      >
        {offered.map((m) => (
          <option key={m} value={m}>
            {MODEL_INFO[m].label}
          </option>
        ))}
      </Select>
      <span id={`${id}-hint`} className="hidden truncate text-xs text-fg-muted sm:block">
        {MODEL_INFO[model].description}
      </span>
    </div>
  );
}
