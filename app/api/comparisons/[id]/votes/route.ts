import { insertVotes, listBatches, listVotes } from "@/lib/db/queries/comparisons";
import { voteSchema } from "@/lib/validations/compare";
import { ApiError, handle, parse, readJson, session } from "../../../_lib/http";
import { type IdCtx, ownComparison } from "../../_lib";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const WINNER = { a: "model_a", b: "model_b", tie: "tie", bothbad: "tie (bothbad)" } as const;

/**
 * `POST /api/comparisons/<id>/votes` `{batchId, verdict: "a"|"b"|"tie"|"bothbad", tag?}`: the blind
 * verdict on a batch, stored with its prompt, tag and voter; one per batch (409 after). Answers
 * with the models behind A and B.
 */
export const POST = handle(async (request: Request, { params }: IdCtx) => {
  const { id } = await params;
  const body = parse(voteSchema, await readJson(request));
  const { db, userId } = await session(request);
  const c = await ownComparison(db, userId, id);
  if (!c.blind || c.columns.length !== 2)
    throw new ApiError(400, "bad_request", "Only a blind comparison of two columns takes votes.");
  const batch = (await listBatches(db, { userId, comparisonId: c.id })).find((b) => b.id === body.batchId);
  if (!batch) throw new ApiError(404, "not_found", "The run was not found.");
  if ((await listVotes(db, { userId, batchIds: [batch.id] })).length > 0)
    throw new ApiError(409, "conflict", "This run already has a vote.");
  const [a, b] = batch.labels.map((col) => c.columns[col]?.model ?? "");
  const vote = {
    model_a: a as string,
    model_b: b as string,
    winner: WINNER[body.verdict],
    ...(body.tag ? { tag: body.tag } : {}),
  };
  await insertVotes(db, userId, [{ ...vote, comparisonId: c.id, batchId: batch.id, prompt: batch.prompt }]);
  return Response.json(vote, { status: 201 });
});
