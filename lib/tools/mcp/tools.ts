import "server-only";
import { z } from "zod";
import type { McpServerRow, McpToolInfo } from "@/lib/db/schema";
import { OutboundError } from "@/lib/security/guarded-fetch";
import { defineTool, outboundPolicy, type Tool } from "../define";
import { callMcpTool, McpError } from "./client";

/** `My Server` + `search` → `my_server__search`: what the model calls it (≤ 64, [A-Za-z0-9_-]). */
export function mcpWireName(serverName: string, toolName: string): string {
  const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  const server = slug(serverName).toLowerCase().slice(0, 20) || "mcp";
  return `${server}__${slug(toolName)}`.slice(0, 64);
}

/** A schema that checks arguments against the server's JSON schema (or any object, if unusable). */
export function argsFromJsonSchema(schema: Record<string, unknown>): z.ZodType<unknown> {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) as z.ZodType<unknown>;
  } catch {
    return z.record(z.string(), z.unknown());
  }
}

/** One MCP server's tool as a Parley tool: same loop, same cards, same approval. */
export function mcpTool(server: McpServerRow, info: McpToolInfo): Tool {
  return defineTool<unknown>({
    name: mcpWireName(server.name, info.name),
    label: `${info.title ?? info.name} (${server.name})`,
    description: (info.description ?? `${info.name} from the MCP server ${server.name}.`).slice(0, 1000),
    args: argsFromJsonSchema(info.inputSchema),
    parameters: info.inputSchema,
    source: "mcp",
    run: (args, ctx) => callMcpTool(server, info.name, args, outboundPolicy(ctx.config), ctx.signal),
    readable: [McpError, OutboundError],
  });
}
