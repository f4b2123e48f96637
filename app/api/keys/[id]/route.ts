import { isUuid } from "@/lib/db/ids";
import { revokeApiKey } from "@/lib/db/queries/api-keys";
import { handle, notFoundError, session } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** `DELETE /api/keys/<id>`: revokes one of the caller's keys at once (204); unknown or revoked: 404. */
export const DELETE = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  if (!isUuid(id) || !(await revokeApiKey(db, { userId, id }))) throw notFoundError("API key");
  return new Response(null, { status: 204 });
});
