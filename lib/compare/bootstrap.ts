/**
 * 95% confidence intervals for Bradley–Terry ratings by the bootstrap: resample the votes with
 * replacement, refit, and take the 2.5th and 97.5th percentiles of each model's rating. The
 * resampling uses a seeded PRNG (mulberry32), so the same votes and seed give the same interval.
 */
import { fitBradleyTerry, type Vote } from "./bradley-terry";
import { quantile } from "./stats";

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Interval = { low: number; high: number };

export function bootstrapRatings(
  votes: readonly Vote[],
  { samples = 200, seed = 42, prior = 1 }: { samples?: number; seed?: number; prior?: number } = {},
): Map<string, Interval> {
  const random = mulberry32(seed);
  const draws = new Map<string, number[]>();
  if (votes.length === 0) return new Map();
  for (let s = 0; s < samples; s++) {
    const sample: Vote[] = [];
    for (let i = 0; i < votes.length; i++) sample.push(votes[Math.floor(random() * votes.length)] as Vote);
    for (const r of fitBradleyTerry(sample, { prior, tolerance: 1e-8, maxIterations: 2000 })) {
      const list = draws.get(r.model) ?? [];
      list.push(r.rating);
      draws.set(r.model, list);
    }
  }
  const out = new Map<string, Interval>();
  for (const [model, list] of draws) {
    const sorted = list.sort((a, b) => a - b);
    out.set(model, { low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) });
  }
  return out;
}
