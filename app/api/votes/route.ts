import { ARENA_LIMITS, ArenaParseError, parseArenaJsonl, toArenaJsonl } from "@/lib/compare/arena-jsonl";
import { insertVotes, listVotes } from "@/lib/db/queries/comparisons";
import { ApiError, attachmentDisposition, handle, readBytes, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/votes`: this user's votes as arena JSON lines (`{"model_a","model_b","winner","tag"?}`). */
export const GET = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  const votes = await listVotes(db, { userId });
  const text = toArenaJsonl(
    votes.map((v) => ({
      model_a: v.modelA,
      model_b: v.modelB,
      winner: v.winner,
      ...(v.tag ? { tag: v.tag } : {}),
    })),
  );
  return new Response(text, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": attachmentDisposition("parley-votes.jsonl"),
    },
  });
});

/**
 * `POST /api/votes` with a JSON-lines body (arena format): imports every vote in one transaction,
 * or none: a bad line is a 400 naming it. At most ARENA_LIMITS.lines votes and 5 MB.
 */
export const POST = handle(async (request: Request) => {
  const bytes = await readBytes(request, ARENA_LIMITS.bytes);
  const { db, userId } = await session(request);
  let votes: ReturnType<typeof parseArenaJsonl>;
  try {
    votes = parseArenaJsonl(new TextDecoder().decode(bytes));
  } catch (e) {
    if (e instanceof ArenaParseError) throw new ApiError(400, "bad_request", e.message);
    throw e;
  }
  const imported = await insertVotes(db, userId, votes);
  return Response.json({ imported }, { status: 201 });
});
