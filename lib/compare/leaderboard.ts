/**
 * The leaderboard: per model, over all votes and per tag, its Bradley–Terry rating with a 95%
 * bootstrap interval (seeded, so the same votes give the same page), its win rate (ties half) and
 * its number of votes. Pure.
 */
import { bootstrapRatings } from "./bootstrap";
import { fitBradleyTerry, type Vote, winRates } from "./bradley-terry";

export type LeaderRow = {
  model: string;
  rating: number;
  low: number;
  high: number;
  winRate: number;
  votes: number;
};
export type Leaderboard = {
  votes: number;
  overall: LeaderRow[];
  tags: { tag: string; votes: number; rows: LeaderRow[] }[];
};

export function ratingsTable(
  votes: readonly Vote[],
  opts: { seed?: number; samples?: number } = {},
): LeaderRow[] {
  const fit = fitBradleyTerry(votes);
  const ci = bootstrapRatings(votes, { seed: opts.seed ?? 42, samples: opts.samples ?? 200 });
  const rates = winRates(votes);
  return fit.map((r) => ({
    model: r.model,
    rating: r.rating,
    low: ci.get(r.model)?.low ?? r.rating,
    high: ci.get(r.model)?.high ?? r.rating,
    winRate: rates.get(r.model)?.winRate ?? 0,
    votes: rates.get(r.model)?.votes ?? 0,
  }));
}

export function leaderboard(
  votes: readonly Vote[],
  opts: { seed?: number; samples?: number } = {},
): Leaderboard {
  const byTag = new Map<string, Vote[]>();
  for (const v of votes) {
    if (!v.tag) continue;
    const list = byTag.get(v.tag) ?? [];
    list.push(v);
    byTag.set(v.tag, list);
  }
  return {
    votes: votes.length,
    overall: ratingsTable(votes, opts),
    tags: [...byTag]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tag, list]) => ({ tag, votes: list.length, rows: ratingsTable(list, opts) })),
  };
}
