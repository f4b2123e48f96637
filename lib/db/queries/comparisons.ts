/**
 * Comparisons, their batches (one prompt × N repeats), runs (one column's answer in one repeat,
 * with its measured metrics) and blind votes. Every statement is scoped to the owner.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Vote } from "../../compare/bradley-terry";
import type { RunMetrics } from "../../compare/run-metrics";
import type { ChatSettings } from "../../validations/chat";
import type { Db } from "../connect";
import { isUuid, newId } from "../ids";
import {
  type BatchMode,
  type ComparisonColumn,
  type ComparisonShared,
  comparisonBatches,
  comparisonRuns,
  comparisons,
  comparisonVotes,
  conversations,
  messages,
} from "../schema";
import { getMessagePath } from "./message-path";

export type Comparison = typeof comparisons.$inferSelect;
export type ComparisonBatch = typeof comparisonBatches.$inferSelect;

export async function createComparison(
  db: Db,
  input: {
    userId: string;
    title: string;
    blind: boolean;
    columns: { model: string; params: ComparisonColumn["params"]; settings: ChatSettings }[];
    shared: ComparisonShared;
  },
): Promise<Comparison> {
  return db.transaction(async (tx) => {
    const id = newId();
    const columns: ComparisonColumn[] = input.columns.map((c) => ({
      model: c.model,
      params: c.params,
      conversationId: newId(),
    }));
    const [row] = await tx
      .insert(comparisons)
      .values({
        id,
        userId: input.userId,
        title: input.title,
        blind: input.blind,
        columns,
        shared: input.shared,
      })
      .returning();
    await tx.insert(conversations).values(
      columns.map((c, i) => ({
        id: c.conversationId,
        userId: input.userId,
        model: c.model,
        settings: input.columns[i]?.settings ?? {},
        title: `${input.title || "Comparison"} · column ${i + 1}`,
        comparisonId: id,
      })),
    );
    return row as Comparison;
  });
}

export async function getComparison(
  db: Db,
  input: { userId: string; id: string },
): Promise<Comparison | null> {
  if (!isUuid(input.id)) return null;
  const [row] = await db
    .select()
    .from(comparisons)
    .where(and(eq(comparisons.id, input.id), eq(comparisons.userId, input.userId)));
  return row ?? null;
}

export async function listComparisons(db: Db, input: { userId: string; limit?: number }) {
  return db
    .select({
      id: comparisons.id,
      title: comparisons.title,
      blind: comparisons.blind,
      columns: comparisons.columns,
      createdAt: comparisons.createdAt,
      updatedAt: comparisons.updatedAt,
    })
    .from(comparisons)
    .where(eq(comparisons.userId, input.userId))
    .orderBy(desc(comparisons.updatedAt))
    .limit(input.limit ?? 100);
}

export async function deleteComparison(db: Db, input: { userId: string; id: string }): Promise<boolean> {
  if (!isUuid(input.id)) return false;
  const rows = await db
    .delete(comparisons)
    .where(and(eq(comparisons.id, input.id), eq(comparisons.userId, input.userId)))
    .returning({ id: comparisons.id });
  return rows.length > 0;
}

export async function createBatch(
  db: Db,
  input: {
    userId: string;
    comparisonId: string;
    prompt: string;
    repeats: number;
    mode: BatchMode;
    labels: number[];
  },
): Promise<ComparisonBatch> {
  const earlier = await db
    .select({ id: comparisonBatches.id })
    .from(comparisonBatches)
    .where(
      and(eq(comparisonBatches.comparisonId, input.comparisonId), eq(comparisonBatches.userId, input.userId)),
    );
  const [row] = await db
    .insert(comparisonBatches)
    .values({ id: newId(), ...input, turn: earlier.length })
    .returning();
  await db
    .update(comparisons)
    .set({ updatedAt: new Date() })
    .where(and(eq(comparisons.id, input.comparisonId), eq(comparisons.userId, input.userId)));
  return row as ComparisonBatch;
}

export async function endBatch(db: Db, input: { userId: string; id: string }): Promise<void> {
  await db
    .update(comparisonBatches)
    .set({ status: "done" })
    .where(and(eq(comparisonBatches.id, input.id), eq(comparisonBatches.userId, input.userId)));
}

export async function listBatches(db: Db, input: { userId: string; comparisonId: string }) {
  return db
    .select()
    .from(comparisonBatches)
    .where(
      and(eq(comparisonBatches.comparisonId, input.comparisonId), eq(comparisonBatches.userId, input.userId)),
    )
    .orderBy(asc(comparisonBatches.createdAt));
}

export async function insertRun(
  db: Db,
  input: {
    userId: string;
    comparisonId: string;
    batchId: string;
    repeat: number;
    column: number;
    model: string;
    generationId: string;
    messageId: string;
  },
): Promise<string> {
  const id = newId();
  await db.insert(comparisonRuns).values({ id, ...input });
  return id;
}

export async function setRunMetrics(db: Db, input: { userId: string; id: string; metrics: RunMetrics }) {
  await db
    .update(comparisonRuns)
    .set({ metrics: input.metrics })
    .where(and(eq(comparisonRuns.id, input.id), eq(comparisonRuns.userId, input.userId)));
}

/** Every run of a comparison with the answer it wrote (resume fields included while it streams). */
export async function listRuns(db: Db, input: { userId: string; comparisonId: string }) {
  return db
    .select({
      id: comparisonRuns.id,
      batchId: comparisonRuns.batchId,
      repeat: comparisonRuns.repeat,
      column: comparisonRuns.column,
      model: comparisonRuns.model,
      generationId: comparisonRuns.generationId,
      messageId: comparisonRuns.messageId,
      metrics: comparisonRuns.metrics,
      createdAt: comparisonRuns.createdAt,
      parts: messages.parts,
      status: messages.status,
      usage: messages.usage,
      finishReason: messages.finishReason,
      error: messages.error,
      lastEventId: messages.lastEventId,
      streamState: messages.streamState,
    })
    .from(comparisonRuns)
    .leftJoin(messages, and(eq(messages.id, comparisonRuns.messageId), eq(messages.userId, input.userId)))
    .where(and(eq(comparisonRuns.comparisonId, input.comparisonId), eq(comparisonRuns.userId, input.userId)))
    .orderBy(asc(comparisonRuns.createdAt), asc(comparisonRuns.repeat), asc(comparisonRuns.column));
}
export type RunRow = Awaited<ReturnType<typeof listRuns>>[number];

export async function insertVotes(
  db: Db,
  userId: string,
  votes: (Vote & { comparisonId?: string; batchId?: string; prompt?: string })[],
): Promise<number> {
  if (votes.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < votes.length; i += 500) {
      await tx.insert(comparisonVotes).values(
        votes.slice(i, i + 500).map((v) => ({
          id: newId(),
          userId,
          comparisonId: v.comparisonId ?? null,
          batchId: v.batchId ?? null,
          modelA: v.model_a,
          modelB: v.model_b,
          winner: v.winner,
          tag: v.tag ?? null,
          prompt: v.prompt ?? null,
        })),
      );
    }
  });
  return votes.length;
}

export async function listVotes(db: Db, input: { userId: string; batchIds?: string[] }) {
  if (input.batchIds && input.batchIds.length === 0) return [];
  return db
    .select()
    .from(comparisonVotes)
    .where(
      and(
        eq(comparisonVotes.userId, input.userId),
        input.batchIds ? inArray(comparisonVotes.batchId, input.batchIds) : undefined,
      ),
    )
    .orderBy(asc(comparisonVotes.createdAt));
}

/**
 * A copy of one column's conversation (the path on screen) as a normal conversation: the user
 * takes it into the chat. Unfinished answers are copied as they were saved.
 */
export async function copyColumnToChat(
  db: Db,
  input: { userId: string; conversationId: string; title: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.userId, input.userId)));
    if (!source) throw new Error("column conversation missing");
    const path = await getMessagePath(tx, { userId: input.userId, conversationId: source.id });
    const id = newId();
    const ids = path.map(() => newId());
    await tx.insert(conversations).values({
      id,
      userId: input.userId,
      model: source.model,
      settings: source.settings,
      title: input.title,
      currentLeafId: ids.at(-1) ?? null,
    });
    if (path.length > 0) {
      await tx.insert(messages).values(
        path.map((m, i) => ({
          id: ids[i] as string,
          conversationId: id,
          userId: input.userId,
          parentId: i === 0 ? null : (ids[i - 1] as string),
          role: m.role,
          parts: m.parts,
          model: m.model,
          usage: m.usage,
          ttftMs: m.ttftMs,
          totalMs: m.totalMs,
          finishReason: m.finishReason,
          status: m.status === "streaming" ? ("interrupted" as const) : m.status,
          error: m.error,
        })),
      );
    }
    return id;
  });
}
