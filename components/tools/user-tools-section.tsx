"use client";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { adminFetch as api } from "@/components/admin/admin-fetch";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { UserToolView } from "@/lib/client/extra-tools";

const EXAMPLE = `{
  "type": "function",
  "function": {
    "name": "lookup_order",
    "description": "Look up an order by its number.",
    "parameters": {
      "type": "object",
      "properties": { "order": { "type": "string" } },
      "required": ["order"]
    }
  }
}`;

/** Paste a function definition; answer its calls by hand, or let Parley call an HTTPS endpoint. */
export function UserToolsSection() {
  const [tools, setTools] = useState<UserToolView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<"manual" | "endpoint">("manual");
  const load = useCallback(
    () =>
      api<{ tools: UserToolView[] }>("/api/tools/user").then(
        (r) => setTools(r.tools),
        (e: Error) => setError(e.message),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    let definition: unknown;
    try {
      definition = JSON.parse(String(form.get("definition") ?? ""));
    } catch {
      setError("The definition is not valid JSON.");
      return;
    }
    const endpointUrl = String(form.get("endpointUrl") ?? "").trim();
    try {
      await api("/api/tools/user", {
        method: "POST",
        body: { definition, mode, ...(mode === "endpoint" ? { endpointUrl } : {}) },
      });
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section className="space-y-3" aria-labelledby="user-tools-heading" data-testid="user-tools">
      <h2 id="user-tools-heading" className="text-base font-semibold">
        Your own tools
      </h2>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="user-tool-error">
          {error}
        </p>
      )}
      <ul className="space-y-1 text-sm">
        {tools?.map((t) => (
          <li key={t.id} className="flex items-center gap-2" data-testid="user-tool">
            <code>{t.name}</code>
            <span className="text-fg-muted">{t.mode === "manual" ? "answered by you" : t.endpointUrl}</span>
            <Button
              size="sm"
              variant="ghost"
              className="ml-auto"
              onClick={() => void api(`/api/tools/user/${t.id}`, { method: "DELETE" }).then(load)}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="space-y-2 text-sm" data-testid="user-tool-add">
        <Textarea
          name="definition"
          rows={10}
          required
          aria-label="Function definition (JSON)"
          placeholder={EXAMPLE}
          code
        />
        <div className="flex flex-wrap items-center gap-2">
          <Select
            aria-label="Who answers"
            value={mode}
            onChange={(e) => setMode(e.target.value as "manual" | "endpoint")}
          >
            <option value="manual">I answer its calls by hand</option>
            <option value="endpoint">Parley calls an HTTPS endpoint</option>
          </Select>
          {mode === "endpoint" && (
            <Input
              name="endpointUrl"
              type="url"
              required
              aria-label="Endpoint URL"
              placeholder="https://tools.example.com/lookup"
              className="w-full min-w-64 flex-1"
            />
          )}
          <Button type="submit" size="sm">
            Add tool
          </Button>
        </div>
      </form>
    </section>
  );
}
