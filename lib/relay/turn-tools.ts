import "server-only";
import type { Db } from "@/lib/db/connect";
import { enabledMcpServers, enabledUserTools } from "@/lib/db/queries/tools";
import type { Tool } from "@/lib/tools/define";
import { mcpTool } from "@/lib/tools/mcp/tools";
import type { ToolSet } from "@/lib/tools/registry";
import { resolveToolSet } from "@/lib/tools/resolve";
import { userTool } from "@/lib/tools/user-tools";
import type { ChatSettings } from "@/lib/validations/chat";

/**
 * The tool set of a saved turn: the settings' built-ins, plus the MCP and user-defined tools the
 * conversation enabled, found among the caller's own servers and tools (a reference to anyone
 * else's, or to a disabled server, is dropped). MCP tools come from the list the server gave last
 * time, so a server that is down costs an error on its cards, not the turn.
 */
export async function turnTools(db: Db, g: { settings: ChatSettings; userId: string }): Promise<ToolSet> {
  const refs = g.settings.extra_tools ?? [];
  const mcpRefs = refs.filter((r) => r.startsWith("mcp:")).map((r) => r.split(":"));
  const userIds = refs.filter((r) => r.startsWith("user:")).map((r) => r.slice(5));
  const extra: Tool[] = [];
  const servers = await enabledMcpServers(db, {
    userId: g.userId,
    ids: [...new Set(mcpRefs.map(([, id]) => id!))],
  });
  for (const [, id, name] of mcpRefs) {
    const server = servers.find((s) => s.id === id);
    const info = server?.tools.find((t) => t.name === name);
    if (server && info) extra.push(mcpTool(server, info));
  }
  for (const row of await enabledUserTools(db, { userId: g.userId, ids: userIds })) extra.push(userTool(row));
  return resolveToolSet(g.settings, extra);
}
