import type { McpServerRow } from "@/lib/db/schema";
import { mcpWireName } from "@/lib/tools/mcp/tools";

/** A server as the browser sees it: its tools with the names the model will call them. */
export function serverView(row: McpServerRow, listError?: string) {
  return {
    id: row.id,
    name: row.name,
    transport: row.transport,
    url: row.url,
    command: row.command,
    args: row.args,
    enabled: row.enabled,
    createdAt: row.createdAt,
    tools: row.tools.map((t) => ({
      name: t.name,
      ref: `mcp:${row.id}:${t.name}`,
      wireName: mcpWireName(row.name, t.name),
      label: `${t.title ?? t.name} (${row.name})`,
      description: t.description ?? "",
    })),
    ...(listError ? { listError } : {}),
  };
}
