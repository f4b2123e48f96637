import { getMcpServer, updateMcpServer } from "@/lib/db/queries/tools";
import { outboundPolicy } from "@/lib/tools/define";
import { listMcpTools } from "@/lib/tools/mcp/client";
import { toolConfigFromEnv } from "@/lib/tools/registry";
import { ApiError, handle, notFoundError, session } from "../../../../_lib/http";
import { serverView } from "../../view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** `POST /api/tools/mcp/<id>/refresh`: asks the server for its tools again. 502 with its words if it fails. */
export const POST = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const row = await getMcpServer(db, { userId, id });
  if (!row) throw notFoundError("MCP server");
  let tools: Awaited<ReturnType<typeof listMcpTools>>;
  try {
    tools = await listMcpTools(row, outboundPolicy(toolConfigFromEnv()));
  } catch (error) {
    const code =
      (error as { code?: string }).code === "outbound_blocked" ? "outbound_blocked" : "outbound_limit";
    throw new ApiError(502, code, (error as Error).message);
  }
  const updated = await updateMcpServer(db, { userId, id, tools });
  return Response.json({ server: serverView(updated ?? row) });
});
