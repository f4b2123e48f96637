import { createMcpServer, listMcpServers, updateMcpServer } from "@/lib/db/queries/tools";
import { outboundPolicy } from "@/lib/tools/define";
import { listMcpTools } from "@/lib/tools/mcp/client";
import { mcpPermissions } from "@/lib/tools/mcp/permissions";
import { toolConfigFromEnv } from "@/lib/tools/registry";
import { mcpServerSchema } from "@/lib/validations/tools";
import { ApiError, handle, parse, readJson, session } from "../../_lib/http";
import { serverView } from "./view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/tools/mcp`: the caller's MCP servers and their tools, and what the caller may add. */
export const GET = handle(async (request: Request) => {
  const { db, userId, user } = await session(request);
  const servers = await listMcpServers(db, { userId });
  return Response.json({ servers: servers.map((s) => serverView(s)), ...(await mcpPermissions(db, user)) });
});

/**
 * `POST /api/tools/mcp` `{transport:"http", name, url}` or `{transport:"stdio", name, command, args}`
 * (admins only): saves the server, then asks it for its tools. A server that cannot be listed is
 * saved anyway, with `listError` saying why (refresh later).
 */
export const POST = handle(async (request: Request) => {
  const { db, userId, user } = await session(request);
  const body = parse(mcpServerSchema, await readJson(request, 64 * 1024));
  const can = await mcpPermissions(db, user);
  if (!can.canAdd) {
    throw new ApiError(
      403,
      "forbidden_role",
      "Only admins add MCP servers here; an admin can allow members to.",
    );
  }
  if (body.transport === "stdio" && !can.canUseStdio) {
    throw new ApiError(
      403,
      "forbidden_role",
      "Only admins may add stdio MCP servers (they run a command on the server).",
    );
  }
  const row = await createMcpServer(db, {
    ownerId: userId,
    name: body.name,
    transport: body.transport,
    url: body.transport === "http" ? body.url : null,
    command: body.transport === "stdio" ? body.command : null,
    args: body.transport === "stdio" ? body.args : [],
  });
  try {
    const tools = await listMcpTools(row, outboundPolicy(toolConfigFromEnv()));
    const updated = await updateMcpServer(db, { userId, id: row.id, tools });
    return Response.json({ server: serverView(updated ?? row) }, { status: 201 });
  } catch (error) {
    return Response.json({ server: serverView(row, (error as Error).message) }, { status: 201 });
  }
});
