import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { McpServerRow, McpToolInfo } from "@/lib/db/schema";
import { createGuardedFetch, OutboundError, type OutboundPolicy } from "@/lib/security/guarded-fetch";

/**
 * Talks to one MCP server for one operation: connect, list or call, close. No connection is kept
 * between calls, so a server that restarts or goes away costs one failed call (an error on the
 * card), never a broken conversation. HTTP goes through the guarded fetch; stdio runs a command
 * an admin configured.
 */
export class McpError extends Error {
  override name = "McpError";
}

type Target = Pick<McpServerRow, "name" | "transport" | "url" | "command" | "args">;

function transportFor(server: Target, policy: OutboundPolicy): Transport {
  if (server.transport === "http") {
    if (!server.url) throw new McpError(`The MCP server "${server.name}" has no URL.`);
    return new StreamableHTTPClientTransport(new URL(server.url), { fetch: createGuardedFetch(policy) });
  }
  if (!server.command) throw new McpError(`The MCP server "${server.name}" has no command.`);
  return new StdioClientTransport({ command: server.command, args: server.args, stderr: "ignore" });
}

async function withClient<T>(
  server: Target,
  policy: OutboundPolicy,
  signal: AbortSignal | undefined,
  fn: (client: Client, opts: { signal?: AbortSignal; timeout: number }) => Promise<T>,
): Promise<T> {
  const client = new Client({ name: "parley", version: "1.0.0" });
  const opts = { signal, timeout: policy.timeoutMs };
  try {
    await client.connect(transportFor(server, policy), opts);
    return await fn(client, opts);
  } catch (error) {
    throw explain(server, error, policy, signal);
  } finally {
    await client.close().catch(() => undefined);
  }
}

function explain(server: Target, error: unknown, policy: OutboundPolicy, signal?: AbortSignal): Error {
  if (error instanceof OutboundError || error instanceof McpError) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof OutboundError) return cause;
  if (signal?.aborted) return new McpError("The tool call was cancelled.");
  const message = error instanceof Error ? error.message : String(error);
  if (/timed? ?out/i.test(message)) {
    return new McpError(`The MCP server "${server.name}" did not answer within ${policy.timeoutMs} ms.`);
  }
  return new McpError(
    `The MCP server "${server.name}" could not be reached or failed: ${message.slice(0, 200)}`,
  );
}

export function listMcpTools(server: Target, policy: OutboundPolicy): Promise<McpToolInfo[]> {
  return withClient(server, policy, undefined, async (client, opts) => {
    const { tools } = await client.listTools(undefined, opts);
    return tools.map((t) => ({
      name: t.name,
      ...(t.title ? { title: t.title } : {}),
      ...(t.description ? { description: t.description } : {}),
      inputSchema: t.inputSchema as Record<string, unknown>,
    }));
  });
}

/** Calls one tool; a tool's own error (`isError`) comes back as `{error}` for the model. */
export function callMcpTool(
  server: Target,
  name: string,
  args: unknown,
  policy: OutboundPolicy,
  signal: AbortSignal,
): Promise<unknown> {
  return withClient(server, policy, signal, async (client, opts) => {
    const result = await client.callTool(
      { name, arguments: (args ?? {}) as Record<string, unknown> },
      undefined,
      opts,
    );
    const content = Array.isArray(result.content) ? result.content : [];
    const text = content
      .map((c) => (c && typeof c === "object" && c.type === "text" ? String(c.text) : `[${String(c?.type)}]`))
      .join("\n");
    if (result.isError) return { error: text || `${name} failed on the MCP server "${server.name}".` };
    if (result.structuredContent) return result.structuredContent;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { text };
    }
  });
}
