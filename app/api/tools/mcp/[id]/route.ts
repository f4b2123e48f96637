import { deleteMcpServer, updateMcpServer } from "@/lib/db/queries/tools";
import { mcpServerPatchSchema } from "@/lib/validations/tools";
import { handle, notFoundError, parse, readJson, session } from "../../../_lib/http";
import { serverView } from "../view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** `PATCH /api/tools/mcp/<id>` `{enabled}`: a disabled server's tools are no longer offered. */
export const PATCH = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const body = parse(mcpServerPatchSchema, await readJson(request, 4096));
  const row = await updateMcpServer(db, { userId, id, enabled: body.enabled });
  if (!row) throw notFoundError("MCP server");
  return Response.json({ server: serverView(row) });
});

export const DELETE = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  if (!(await deleteMcpServer(db, { userId, id }))) throw notFoundError("MCP server");
  return new Response(null, { status: 204 });
});
