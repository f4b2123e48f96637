"use client";
import { useEffect, useState } from "react";

/** What /api/tools/mcp and /api/tools/user answer, as the settings panel and the tools page use it. */
export type ExtraToolView = { ref: string; wireName: string; label: string; description: string };
export type McpServerView = {
  id: string;
  name: string;
  transport: "http" | "stdio";
  url: string | null;
  command: string | null;
  enabled: boolean;
  tools: (ExtraToolView & { name: string })[];
  listError?: string;
};
export type UserToolView = {
  id: string;
  ref: string;
  name: string;
  description: string;
  mode: "manual" | "endpoint";
  endpointUrl: string | null;
};

/** The MCP and user-defined tools this person may enable in a conversation. */
export function useExtraTools(): ExtraToolView[] {
  const [tools, setTools] = useState<ExtraToolView[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([
      fetch("/api/tools/mcp").then((r) => (r.ok ? r.json() : { servers: [] })),
      fetch("/api/tools/user").then((r) => (r.ok ? r.json() : { tools: [] })),
    ])
      .then(([mcp, user]: [{ servers: McpServerView[] }, { tools: UserToolView[] }]) => {
        if (!live) return;
        setTools([
          ...mcp.servers.filter((s) => s.enabled).flatMap((s) => s.tools),
          ...user.tools.map((t) => ({
            ref: t.ref,
            wireName: t.name,
            label: `${t.name} (${t.mode === "manual" ? "answered by you" : "your endpoint"})`,
            description: t.description,
          })),
        ]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return tools;
}
