import { describe, expect, it } from "vitest";
import { bootstrapRatings, mulberry32 } from "@/lib/compare/bootstrap";
import { fitBradleyTerry, type Vote, winRates } from "@/lib/compare/bradley-terry";

const votes = (a: string, b: string, aWins: number, bWins: number, ties = 0): Vote[] => [
  ...Array.from({ length: aWins }, () => ({ model_a: a, model_b: b, winner: "model_a" as const })),
  ...Array.from({ length: bWins }, () => ({ model_a: a, model_b: b, winner: "model_b" as const })),
  ...Array.from({ length: ties }, () => ({ model_a: a, model_b: b, winner: "tie" as const })),
];

type Fit = ReturnType<typeof fitBradleyTerry>[number];
const byModel = (rs: ReturnType<typeof fitBradleyTerry>) =>
  Object.fromEntries(rs.map((r) => [r.model, r])) as Record<string, Fit> & { A: Fit; B: Fit; C: Fit };

describe("Bradley–Terry", () => {
  it("two models, 3 wins to 1: strengths 3:1, 400·log10(3) ≈ 190.85 points apart around 1000", () => {
    const r = byModel(fitBradleyTerry(votes("A", "B", 3, 1), { prior: 0 }));
    expect(r.A.strength / r.B.strength).toBeCloseTo(3, 8);
    // Geometric mean 1: sqrt(3) and 1/sqrt(3).
    expect(r.A.strength).toBeCloseTo(Math.sqrt(3), 8);
    expect(r.A.rating - r.B.rating).toBeCloseTo(400 * Math.log10(3), 6);
    expect(r.A.rating).toBeCloseTo(1000 + 200 * Math.log10(3), 6);
  });

  it("counts a tie as half a win each: 2 wins, 1 loss, 2 ties is 3:2", () => {
    const r = byModel(fitBradleyTerry(votes("A", "B", 2, 1, 2), { prior: 0 }));
    expect(r.A.strength / r.B.strength).toBeCloseTo(3 / 2, 8);
    const bothBad = byModel(
      fitBradleyTerry(
        [...votes("A", "B", 2, 1), ...Array(2).fill({ model_a: "A", model_b: "B", winner: "tie (bothbad)" })],
        {
          prior: 0,
        },
      ),
    );
    expect(bothBad.A.rating).toBeCloseTo(r.A.rating, 8);
  });

  it("the prior adds virtual ties: 3:1 with one virtual tie is 3.5:1.5", () => {
    const r = byModel(fitBradleyTerry(votes("A", "B", 3, 1), { prior: 1 }));
    expect(r.A.strength / r.B.strength).toBeCloseTo(3.5 / 1.5, 8);
    // A model with no wins still has a finite rating.
    const shutout = byModel(fitBradleyTerry(votes("A", "B", 4, 0)));
    expect(Number.isFinite(shutout.B.rating)).toBe(true);
    expect(shutout.A.rating).toBeGreaterThan(shutout.B.rating);
  });

  it("three models in a consistent order: A > B > C, and the MM fixed point holds", () => {
    const all = [...votes("A", "B", 6, 4), ...votes("B", "C", 6, 4), ...votes("A", "C", 7, 3)];
    const rs = fitBradleyTerry(all, { prior: 0 });
    expect(rs.map((r) => r.model)).toEqual(["A", "B", "C"]);
    const p = byModel(rs) as Record<string, Fit>;
    const st = (m: string) => (p[m] as Fit).strength;
    // Score equations: each model's wins equal its expected wins.
    const expected = (i: string, j: string, n: number) => (n * st(i)) / (st(i) + st(j));
    expect(expected("A", "B", 10) + expected("A", "C", 10)).toBeCloseTo(13, 6);
    expect(expected("B", "A", 10) + expected("B", "C", 10)).toBeCloseTo(10, 6);
  });

  it("win rates count ties as half", () => {
    const w = winRates(votes("A", "B", 2, 1, 1));
    expect(w.get("A")).toEqual({ wins: 2.5, votes: 4, winRate: 0.625 });
    expect(w.get("B")?.winRate).toBe(0.375);
  });
});

describe("bootstrap", () => {
  const data = [...votes("A", "B", 12, 8, 3), ...votes("B", "C", 9, 6), ...votes("A", "C", 10, 4, 2)];

  it("mulberry32 is deterministic for a seed and differs between seeds", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(0);
  });

  it("gives the same interval for the same seed, another for another seed", () => {
    const one = bootstrapRatings(data, { seed: 1, samples: 100 });
    const again = bootstrapRatings(data, { seed: 1, samples: 100 });
    const other = bootstrapRatings(data, { seed: 2, samples: 100 });
    expect([...again]).toEqual([...one]);
    expect([...other]).not.toEqual([...one]);
  });

  it("brackets the point estimate", () => {
    const ci = bootstrapRatings(data, { seed: 3, samples: 200 });
    for (const r of fitBradleyTerry(data)) {
      const i = ci.get(r.model);
      expect(i).toBeDefined();
      expect(i!.low).toBeLessThanOrEqual(r.rating + 1e-6);
      expect(i!.high).toBeGreaterThanOrEqual(r.rating - 1e-6);
    }
    expect(bootstrapRatings([]).size).toBe(0);
  });
});
