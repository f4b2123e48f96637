"use client";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { adminFetch as api } from "@/components/admin/admin-fetch";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { McpServerView } from "@/lib/client/extra-tools";

type List = { servers: McpServerView[]; canAdd: boolean; canUseStdio: boolean };

/** Add an MCP server (HTTP; stdio for admins), see its tools, refresh, disable or remove it. */
export function McpServersSection() {
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [transport, setTransport] = useState<"http" | "stdio">("http");
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () => api<List>("/api/tools/mcp").then(setList, (e: Error) => setError(e.message)),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "");
    const target = String(form.get("target") ?? "").trim();
    const [command = "", ...args] = target.split(/\s+/);
    const body = transport === "http" ? { transport, name, url: target } : { transport, name, command, args };
    void act(async () => {
      const res = await api<{ server: McpServerView }>("/api/tools/mcp", { method: "POST", body });
      if (res.server.listError)
        throw new Error(`Saved, but listing its tools failed: ${res.server.listError}`);
    });
  }

  if (!list) return error ? <p role="alert">{error}</p> : null;
  return (
    <section className="space-y-3" aria-labelledby="mcp-heading" data-testid="mcp-servers">
      <h2 id="mcp-heading" className="text-base font-semibold">
        MCP servers
      </h2>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="mcp-error">
          {error}
        </p>
      )}
      {list.servers.length === 0 && <p className="text-sm text-fg-muted">No MCP servers yet.</p>}
      <ul className="space-y-2">
        {list.servers.map((s) => (
          <li key={s.id} className="rounded-lg border border-border p-3 text-sm" data-testid="mcp-server">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{s.name}</span>
              <code className="text-xs text-fg-muted">{s.transport === "http" ? s.url : s.command}</code>
              <label className="ml-auto flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  checked={s.enabled}
                  disabled={busy}
                  onChange={(e) =>
                    void act(() =>
                      api(`/api/tools/mcp/${s.id}`, { method: "PATCH", body: { enabled: e.target.checked } }),
                    )
                  }
                />
                enabled
              </label>
              <Button
                size="sm"
                variant="outline"
                disabled={busy}
                onClick={() => void act(() => api(`/api/tools/mcp/${s.id}/refresh`, { method: "POST" }))}
              >
                Refresh tools
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                onClick={() => void act(() => api(`/api/tools/mcp/${s.id}`, { method: "DELETE" }))}
              >
                Remove
              </Button>
            </div>
            <ul className="mt-2 list-disc pl-5 text-xs" data-testid="mcp-tools">
              {s.tools.map((t) => (
                <li key={t.name}>
                  <code>{t.wireName}</code> {t.description}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {list.canAdd ? (
        <form onSubmit={add} className="flex flex-wrap items-end gap-2 text-sm" data-testid="mcp-add">
          <Input name="name" required placeholder="Name" aria-label="Server name" className="w-36" />
          <Select
            aria-label="Transport"
            value={transport}
            onChange={(e) => setTransport(e.target.value as "http" | "stdio")}
          >
            <option value="http">Streamable HTTP</option>
            {list.canUseStdio && <option value="stdio">stdio (runs a command)</option>}
          </Select>
          <Input
            name="target"
            required
            aria-label={transport === "http" ? "Server URL" : "Command"}
            placeholder={
              transport === "http"
                ? "https://mcp.example.com/mcp"
                : "npx -y @modelcontextprotocol/server-everything"
            }
            className="w-full min-w-64 flex-1"
          />
          <Button type="submit" size="sm" disabled={busy}>
            Add server
          </Button>
        </form>
      ) : (
        <p className="text-sm text-fg-muted">
          Only admins add MCP servers here (an admin can allow members to).
        </p>
      )}
    </section>
  );
}
