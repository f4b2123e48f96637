import { deleteUserTool } from "@/lib/db/queries/tools";
import { handle, notFoundError, session } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const DELETE = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  if (!(await deleteUserTool(db, { userId, id }))) throw notFoundError("tool");
  return new Response(null, { status: 204 });
});
