import { createHash } from "node:crypto";

/** Hex SHA-256 of a string: request fingerprints, fault counters and ids all derive from it. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A seeded PRNG (mulberry32). The emulator never calls Math.random: every choice it makes comes
 * from a generator seeded by the request's hash, so the same request always gets the same bytes.
 */
export function seededRandom(hexSeed: string): () => number {
  let state = Number.parseInt(hexSeed.slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

/** Picks one element with the seeded generator. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** Fisher–Yates with the seeded generator (a random comparator in sort() is biased). */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
