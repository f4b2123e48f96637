import "server-only";
import { BatchWriter } from "@/lib/db/batch-writer";
import type { Db } from "@/lib/db/connect";
import { insertUsageEvents, type NewUsageEvent } from "@/lib/db/queries/usage";
import type { UsageKind } from "@/lib/db/schema";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { costOf, type PriceTable, parsePrices, tokenCounts, type UsageLike } from "./cost";

let prices: PriceTable | undefined;

/** One writer per database handle: answers that end together share one insert. */
const writers = new WeakMap<Db, BatchWriter<NewUsageEvent>>();
function usageWriter(db: Db): BatchWriter<NewUsageEvent> {
  let w = writers.get(db);
  if (!w) {
    w = new BatchWriter((rows) => insertUsageEvents(db, rows));
    writers.set(db, w);
  }
  return w;
}

/** The price table from PARLEY_PRICES (parsed once), over the defaults. */
export function priceTable(): PriceTable {
  prices ??= parsePrices(serverEnv().PARLEY_PRICES);
  return prices;
}

export type UsageRecord = {
  userId: string;
  model: string;
  kind: UsageKind;
  usage: UsageLike | null | undefined;
  generationId?: string | null;
  apiKeyId?: string | null;
};

/**
 * Saves what a finished call used and cost. Never throws: a lost usage row must not fail an answer
 * that was already delivered (it is logged instead). A call without usage costs nothing recordable
 * but still counts as a request.
 */
export async function recordUsage(db: Db, r: UsageRecord): Promise<void> {
  try {
    const usage = r.usage ?? {};
    const tokens = tokenCounts(usage);
    const table = priceTable();
    if (typeof usage.cost !== "number" && !table[r.model]) {
      logger.warn({ model: r.model }, "no price for this model: its usage is recorded at $0");
    }
    await usageWriter(db).add({
      userId: r.userId,
      model: r.model,
      kind: r.kind,
      promptTokens: tokens.prompt,
      completionTokens: tokens.completion,
      reasoningTokens: tokens.reasoning,
      costUsd: costOf(usage, r.model, table),
      generationId: r.generationId ?? null,
      apiKeyId: r.apiKeyId ?? null,
    });
  } catch (e) {
    logger.error({ err: e, kind: r.kind, model: r.model }, "could not record usage");
  }
}
