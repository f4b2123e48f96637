"use client";
import { useEffect, useId, useState } from "react";
import { Select } from "@/components/ui/select";
import { MODEL_INFO } from "@/lib/client/model-store";
import { MODELS, type ModelId } from "@/lib/stream/wire";
import type { ModelPolicy, SignUpPolicy } from "@/lib/validations/admin";
import { adminFetch } from "./admin-fetch";

type Settings = { signUpPolicy: SignUpPolicy; models: ModelPolicy; mcpMembersMayAdd: boolean };

/** Sign-up policy, offered models and the default model; each change is saved at once. */
export function SettingsPanel() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    adminFetch<Settings>("/api/admin/settings").then(setSettings, (e: Error) => setError(e.message));
  }, []);

  async function save(body: Partial<Settings>) {
    setError(null);
    try {
      setSettings(await adminFetch<Settings>("/api/admin/settings", { method: "PATCH", body }));
    } catch (e) {
      setError((e as Error).message);
    }
  }
  if (!settings) return error ? <p role="alert">{error}</p> : null;
  const { offered, default: fallback } = settings.models;
  const toggle = (m: ModelId) => {
    const next = offered.includes(m) ? offered.filter((x) => x !== m) : [...offered, m];
    void save({
      models: { offered: next, default: next.includes(fallback) ? fallback : (next[0] ?? fallback) },
    });
  };

  return (
    <section className="space-y-3" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="text-base font-semibold">
        Settings
      </h2>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={`${id}-policy`}>Sign-up</label>
        <Select
          id={`${id}-policy`}
          data-testid="sign-up-policy"
          value={settings.signUpPolicy}
          onChange={(e) => void save({ signUpPolicy: e.target.value as SignUpPolicy })}
        >
          <option value="open">open: anyone can create an account</option>
          <option value="invite">invite-only: others wait for approval</option>
          <option value="closed">closed: no new accounts</option>
        </Select>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          data-testid="mcp-members-may-add"
          checked={settings.mcpMembersMayAdd}
          onChange={(e) => void save({ mcpMembersMayAdd: e.target.checked })}
        />
        Members may add MCP servers (over HTTP; stdio stays admins' only)
      </label>
      <fieldset className="space-y-1 text-sm">
        <legend>Models offered</legend>
        {MODELS.map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input type="checkbox" checked={offered.includes(m)} onChange={() => toggle(m)} />
            {MODEL_INFO[m].label}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={`${id}-default`}>Default model</label>
        <Select
          id={`${id}-default`}
          data-testid="default-model"
          value={fallback}
          onChange={(e) => void save({ models: { offered, default: e.target.value as ModelId } })}
        >
          {offered.map((m) => (
            <option key={m} value={m}>
              {MODEL_INFO[m].label}
            </option>
          ))}
        </Select>
      </div>
    </section>
  );
}
