import { getGeneration } from "@/lib/db/queries/generations";
import { deliverToolDecision } from "@/lib/generations/runtime";
import { toolDecisionSchema } from "@/lib/validations/tools";
import { ApiError, handle, notFoundError, parse, readJson, session } from "../../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; callId: string }> };

/**
 * `POST /api/generations/<id>/tools/<callId>` with `{"decision":"run"|"deny"}` or
 * `{"decision":"answer","answer":"…"}`: resumes a tool call that waits for the user (see
 * `parley.tool_approval` in docs/EVENTS.md). 202 once delivered; the generation's stream shows
 * the outcome. 409 when the call is not waiting (already decided, or the answer has ended).
 */
export const POST = handle(async (request: Request, { params }: Ctx) => {
  const { id, callId } = await params;
  const { db, userId } = await session(request);
  const body = parse(toolDecisionSchema, await readJson(request, 256 * 1024));
  const generation = await getGeneration(db, { userId, generationId: id });
  if (!generation) throw notFoundError("answer");
  if (generation.status !== "running") {
    throw new ApiError(409, "conflict", "This answer has ended; the tool call is no longer waiting.");
  }
  const delivered = await deliverToolDecision(generation.id, callId.slice(0, 200), body);
  if (!delivered) throw new ApiError(409, "conflict", "That tool call is not waiting for a decision.");
  return Response.json({ status: "delivered" }, { status: 202 });
});
