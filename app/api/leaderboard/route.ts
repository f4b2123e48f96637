import { z } from "zod";
import { leaderboard } from "@/lib/compare/leaderboard";
import { listVotes } from "@/lib/db/queries/comparisons";
import { handle, parseQuery, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(42),
});

/**
 * `GET /api/leaderboard?seed=42`: from this user's votes, per model overall and per tag: the
 * Bradley–Terry rating (Elo-like scale) with a 95% bootstrap interval (seeded), win rate, votes.
 */
export const GET = handle(async (request: Request) => {
  const { seed } = parseQuery(querySchema, request);
  const { db, userId } = await session(request);
  const votes = await listVotes(db, { userId });
  return Response.json(
    leaderboard(
      votes.map((v) => ({
        model_a: v.modelA,
        model_b: v.modelB,
        winner: v.winner,
        ...(v.tag ? { tag: v.tag } : {}),
      })),
      { seed },
    ),
  );
});
