/**
 * What a model call cost, in USD. Pure: no I/O, so tests and both budget paths share it.
 *
 * The gateway's own `usage.cost` wins when it reports one. Otherwise the tokens are priced from a
 * table (PARLEY_PRICES, JSON `{"model": {"input": 3, "output": 15}}` in USD per million tokens),
 * with defaults for the two models Parley offers. Reasoning tokens are billed as output; they are
 * already part of `completion_tokens` in OpenAI-style usage, so they are not added twice.
 */
import { z } from "zod";

export type Price = { input: number; output: number };
export type PriceTable = Record<string, Price>;

/** USD per million tokens. */
export const DEFAULT_PRICES: PriceTable = {
  "anthropic/claude-sonnet-4": { input: 3, output: 15 },
  "anthropic/claude-sonnet-4.6": { input: 3, output: 15 },
};

const priceSchema = z.record(
  z.string().min(1),
  z.object({ input: z.number().min(0), output: z.number().min(0) }),
);

/** The defaults, overridden model by model by PARLEY_PRICES. Throws on malformed JSON. */
export function parsePrices(json: string | undefined): PriceTable {
  if (!json?.trim()) return { ...DEFAULT_PRICES };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("PARLEY_PRICES is not valid JSON");
  }
  const parsed = priceSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`PARLEY_PRICES: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return { ...DEFAULT_PRICES, ...parsed.data };
}

/** The token counts Parley keeps, from an OpenAI-style usage object. */
export type TokenCounts = { prompt: number; completion: number; reasoning: number };

export type UsageLike = {
  prompt_tokens?: number;
  completion_tokens?: number;
  cost?: number;
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown } | null;
  [k: string]: unknown;
};

const count = (n: unknown) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

export function tokenCounts(usage: UsageLike): TokenCounts {
  const prompt = count(usage.prompt_tokens);
  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens);
  // Some gateways leave reasoning out of completion_tokens: never count fewer output tokens than it.
  const completion = Math.max(count(usage.completion_tokens), reasoning);
  return { prompt, completion, reasoning };
}

/** USD for one usage report; an unknown model without a gateway cost is free (and logged by callers). */
export function costOf(usage: UsageLike, model: string, prices: PriceTable): number {
  if (typeof usage.cost === "number" && Number.isFinite(usage.cost) && usage.cost >= 0) return usage.cost;
  const price = prices[model];
  if (!price) return 0;
  const t = tokenCounts(usage);
  return (t.prompt * price.input + t.completion * price.output) / 1_000_000;
}
