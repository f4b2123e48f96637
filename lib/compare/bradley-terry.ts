/**
 * Bradley–Terry ratings from pairwise votes, fit by the classic MM (Zermelo) iteration:
 *   p_i ← W_i / Σ_j n_ij / (p_i + p_j)
 * where W_i is i's wins (a tie is half a win for each side, "both bad" too) and n_ij the games
 * between i and j. Strengths are normalised to a geometric mean of 1 and reported on an Elo-like
 * scale: 1000 + 400·log10(p_i), so a 3:1 record is 400·log10(3) ≈ 191 points apart.
 *
 * `prior` adds that many virtual ties to every pair that met, so a model with no wins still has
 * a finite rating (the leaderboard uses 1; 0 is the plain maximum-likelihood fit).
 */
export type Winner = "model_a" | "model_b" | "tie" | "tie (bothbad)";
export type Vote = { model_a: string; model_b: string; winner: Winner; tag?: string };

export type Rating = { model: string; rating: number; strength: number };

export const ELO_BASE = 1000;
export const ELO_SCALE = 400;

export function fitBradleyTerry(
  votes: readonly Vote[],
  {
    prior = 1,
    maxIterations = 10_000,
    tolerance = 1e-10,
  }: { prior?: number; maxIterations?: number; tolerance?: number } = {},
): Rating[] {
  const models = [...new Set(votes.flatMap((v) => [v.model_a, v.model_b]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const k = models.length;
  const wins: number[][] = models.map(() => new Array<number>(k).fill(0));
  const add = (i: number, j: number, w: number) => {
    const row = wins[i] as number[];
    row[j] = (row[j] as number) + w;
  };
  for (const v of votes) {
    const a = index.get(v.model_a) as number;
    const b = index.get(v.model_b) as number;
    if (a === b) continue;
    if (v.winner === "model_a") add(a, b, 1);
    else if (v.winner === "model_b") add(b, a, 1);
    else {
      add(a, b, 0.5);
      add(b, a, 0.5);
    }
  }
  if (prior > 0) {
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        if (i !== j && (wins[i]?.[j] ?? 0) + (wins[j]?.[i] ?? 0) > 0) add(i, j, prior / 2);
      }
  }
  const games = (i: number, j: number) => (wins[i]?.[j] ?? 0) + (wins[j]?.[i] ?? 0);
  const total = models.map((_, i) => (wins[i] as number[]).reduce((s, w) => s + w, 0));

  let p = new Array<number>(k).fill(1);
  for (let it = 0; it < maxIterations; it++) {
    const next = p.map((pi, i) => {
      let denom = 0;
      for (let j = 0; j < k; j++)
        if (j !== i && games(i, j) > 0) denom += games(i, j) / (pi + (p[j] as number));
      return denom > 0 ? (total[i] as number) / denom : pi;
    });
    const logMean = next.reduce((s, x) => s + Math.log(Math.max(x, 1e-300)), 0) / k;
    const scale = Math.exp(logMean);
    const normalised = next.map((x) => x / scale);
    const change = Math.max(...normalised.map((x, i) => Math.abs(x - (p[i] as number))));
    p = normalised;
    if (change < tolerance) break;
  }
  return models
    .map((model, i) => {
      const strength = p[i] as number;
      return { model, strength, rating: ELO_BASE + ELO_SCALE * Math.log10(Math.max(strength, 1e-300)) };
    })
    .sort((a, b) => b.rating - a.rating);
}

/** Share of a model's votes it won, ties counting half. */
export function winRates(
  votes: readonly Vote[],
): Map<string, { wins: number; votes: number; winRate: number }> {
  const out = new Map<string, { wins: number; votes: number; winRate: number }>();
  const add = (m: string, w: number) => {
    const e = out.get(m) ?? { wins: 0, votes: 0, winRate: 0 };
    e.wins += w;
    e.votes += 1;
    e.winRate = e.wins / e.votes;
    out.set(m, e);
  };
  for (const v of votes) {
    const a = v.winner === "model_a" ? 1 : v.winner === "model_b" ? 0 : 0.5;
    add(v.model_a, a);
    add(v.model_b, 1 - a);
  }
  return out;
}
