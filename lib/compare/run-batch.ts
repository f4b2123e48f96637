import "server-only";
import type { Db } from "@/lib/db/connect";
import { newId } from "@/lib/db/ids";
import {
  type Comparison,
  type ComparisonBatch,
  createBatch,
  endBatch,
  insertRun,
  setRunMetrics,
} from "@/lib/db/queries/comparisons";
import { serverEnv } from "@/lib/env";
import { gatewayConfig } from "@/lib/gateway/config";
import { generationRuntime } from "@/lib/generations/runtime";
import { logger } from "@/lib/observability/logger";
import type { ChatTurnDeps } from "@/lib/relay/chat-turn";
import { runGeneration } from "@/lib/relay/run-generation";
import { startTurn } from "@/lib/relay/start-turn";
import { toolConfigFromEnv } from "@/lib/tools/registry";
import { priceTable } from "@/lib/usage/record";
import type { TurnRequest } from "@/lib/validations/chat";
import type { RunBatch } from "@/lib/validations/compare";
import { createTiming, observeFrame, runMetrics } from "./run-metrics";
import { blindLabels, columnSettings } from "./settings";

/** Repeats that run at once in "concurrent" mode (each runs every column): a bound on the load. */
export const CONCURRENT_REPEATS = 5;

function turnDeps(): ChatTurnDeps {
  return { gateway: gatewayConfig(), tools: toolConfigFromEnv(), maxSteps: serverEnv().TOOL_MAX_STEPS };
}

export function promptText(content: RunBatch["content"]): string {
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : "[image]")).join("\n");
}

/**
 * Starts a batch: the prompt goes to every column at once, `repeats` times. The first repeat is
 * started before this returns (its generations exist, so the page can follow them at once); the
 * rest run in the background, owned by the server like any generation: one repeat after another
 * (sequential) or up to CONCURRENT_REPEATS at a time (concurrent). Repeat 1 adds the question to
 * each column's conversation (after its history: a comparison is multi-turn); later repeats answer
 * the same question again (siblings, as Regenerate makes). Each run's metrics are measured from
 * its frames on the server and stored when it ends.
 */
export async function startBatch(
  db: Db,
  userId: string,
  comparison: Comparison,
  body: RunBatch,
): Promise<{ batch: ComparisonBatch; done: Promise<void> }> {
  const columns = comparison.columns;
  const labels = comparison.blind ? blindLabels(columns.length) : columns.map((_, i) => i);
  const batch = await createBatch(db, {
    userId,
    comparisonId: comparison.id,
    prompt: promptText(body.content),
    repeats: body.repeats,
    mode: body.mode,
    labels,
  });
  const wave = body.mode === "concurrent" ? Math.min(body.repeats, CONCURRENT_REPEATS) : 1;
  const maxRunning = serverEnv().MAX_GENERATIONS_PER_USER + columns.length * wave;
  const deps = turnDeps();
  const questionIds: string[] = [];

  const prepareOne = async (repeat: number, column: number): Promise<() => Promise<void>> => {
    const col = columns[column] as Comparison["columns"][number];
    const settings = columnSettings(col, comparison.shared);
    const base = { conversationId: col.conversationId, model: col.model as TurnRequest["model"], settings };
    const req: TurnRequest =
      repeat === 0
        ? { ...base, message: { id: newId(), content: body.content } }
        : { ...base, regenerate: true, parentId: questionIds[column] as string };
    const started = await startTurn(db, userId, req, generationRuntime().instanceId, { maxRunning });
    const run = started.run;
    if (!run) throw new Error("a comparison run was taken for a duplicate");
    if (repeat === 0 && run.saved.userMessageId) questionIds[column] = run.saved.userMessageId;
    run.titleFrom = null; // a column's hidden conversation needs no title call
    const runId = await insertRun(db, {
      userId,
      comparisonId: comparison.id,
      batchId: batch.id,
      repeat,
      column,
      model: col.model,
      generationId: run.generationId,
      messageId: run.messageId,
    });
    const timing = createTiming();
    return () =>
      runGeneration(run, deps, {
        onFrame: (frame, now) => observeFrame(timing, frame, now),
        onEnd: async (final) => {
          const metrics = runMetrics(
            timing,
            {
              parts: final.parts,
              usage: final.meta.usage,
              finishReason: final.meta.finishReason ?? null,
              model: col.model,
            },
            priceTable(),
          );
          await setRunMetrics(db, { userId, id: runId, metrics });
        },
      });
  };

  // Every run of a wave is written first, then all are launched together: no column's gateway
  // call waits on another column's database work, so they start (and are timed) side by side.
  const startWave = async (from: number): Promise<Promise<void>[]> => {
    const launches: (() => Promise<void>)[] = [];
    let failure: unknown = null;
    try {
      for (let r = from; r < Math.min(from + wave, body.repeats); r++)
        for (let c = 0; c < columns.length; c++) launches.push(await prepareOne(r, c));
    } catch (e) {
      failure = e;
    }
    // A generation row that exists must run (or it would look busy until a restart).
    const running = launches.map((launch) => launch());
    if (failure) throw failure;
    return running;
  };

  // The first wave starts now: a refusal (limits, a budget) reaches the caller as an error.
  let first: Promise<void>[];
  try {
    first = await startWave(0);
  } catch (e) {
    await endBatch(db, { userId, id: batch.id }).catch(() => undefined);
    throw e;
  }
  const done = (async () => {
    try {
      await Promise.all(first);
      for (let r = wave; r < body.repeats; r += wave) await Promise.all(await startWave(r));
    } catch (e) {
      logger.error({ err: e, batchId: batch.id }, "comparison batch failed");
    } finally {
      await endBatch(db, { userId, id: batch.id }).catch(() => undefined);
    }
  })();
  return { batch, done };
}
