import { getGeneration } from "@/lib/db/queries/generations";
import { requestStop } from "@/lib/generations/runtime";
import { handle, notFoundError, session } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/**
 * `POST /api/generations/<id>/stop`: stops the answer from any tab, on any instance. Answers at
 * once (202); the generation's stream ends with `parley.stopped`, which every reader sees.
 */
export const POST = handle(async (request: Request, { params }: Ctx) => {
  const { id } = await params;
  const { db, userId } = await session(request);
  const generation = await getGeneration(db, { userId, generationId: id });
  if (!generation) throw notFoundError("answer");
  if (generation.status !== "running") return Response.json({ status: generation.status });
  await requestStop(generation.id);
  return Response.json({ status: "stopping" }, { status: 202 });
});
