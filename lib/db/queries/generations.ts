/**
 * Server-owned generations: who is writing which answer, on which instance, until when. Leases
 * are compared with the database's clock, never an instance's, so skewed clocks cannot reap a
 * healthy run.
 */
import { and, count, desc, eq, gt, inArray, lt, ne, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "../connect";
import { isUuid } from "../ids";
import { type GenerationRow, type GenerationStatus, generations, messages } from "../schema";

export type Generation = Omit<GenerationRow, "userId">;

const columns = {
  id: generations.id,
  conversationId: generations.conversationId,
  messageId: generations.messageId,
  model: generations.model,
  status: generations.status,
  instanceId: generations.instanceId,
  leaseUntil: generations.leaseUntil,
  createdAt: generations.createdAt,
  endedAt: generations.endedAt,
};

/**
 * The wall clock, not `now()`: inside a transaction `now()` is the transaction's start, and a slow
 * start (a busy pool) would hand a new run a lease that is already running out.
 */
const leaseFromNow = (seconds: number) => sql`clock_timestamp() + make_interval(secs => ${seconds})`;

export async function createGeneration(
  db: Db,
  input: {
    id: string;
    userId: string;
    conversationId: string;
    messageId: string;
    model: string;
    instanceId: string;
    leaseSeconds: number;
  },
): Promise<void> {
  await db.insert(generations).values({
    id: input.id,
    userId: input.userId,
    conversationId: input.conversationId,
    messageId: input.messageId,
    model: input.model,
    instanceId: input.instanceId,
    leaseUntil: leaseFromNow(input.leaseSeconds),
  });
}

/** Runs of this user still alive (lease valid): the per-user concurrency limit counts these. */
export async function countRunningGenerations(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        eq(generations.status, "running"),
        gt(generations.leaseUntil, sql`clock_timestamp()`),
      ),
    );
  return row?.n ?? 0;
}

/** This user's generation, or null (another user's id reads exactly like an unknown one). */
export async function getGeneration(
  db: Db,
  input: { userId: string; generationId: string },
): Promise<Generation | null> {
  if (!isUuid(input.generationId)) return null;
  const [row] = await db
    .select(columns)
    .from(generations)
    .where(and(eq(generations.id, input.generationId), eq(generations.userId, input.userId)));
  return row ?? null;
}

/** The newest run on a message (the answer to a user message sent twice, say). */
export async function latestGenerationForMessage(
  db: Db,
  input: { userId: string; messageId: string },
): Promise<Generation | null> {
  const [row] = await db
    .select(columns)
    .from(generations)
    .where(and(eq(generations.messageId, input.messageId), eq(generations.userId, input.userId)))
    .orderBy(desc(generations.createdAt))
    .limit(1);
  return row ?? null;
}

/** A run leaves "running" once; a late end (after a reaper's "interrupted") changes nothing. */
export async function endGeneration(db: Db, input: { id: string; status: GenerationStatus }): Promise<void> {
  await db
    .update(generations)
    .set({ status: input.status, endedAt: sql`now()` })
    .where(and(eq(generations.id, input.id), eq(generations.status, "running")));
}

/** One statement per renewal round for every run this instance holds. */
export async function renewLeases(
  db: Db,
  input: { ids: string[]; instanceId: string; leaseSeconds: number },
): Promise<void> {
  if (input.ids.length === 0) return;
  await db
    .update(generations)
    .set({ leaseUntil: leaseFromNow(input.leaseSeconds) })
    .where(
      and(
        inArray(generations.id, input.ids),
        eq(generations.instanceId, input.instanceId),
        eq(generations.status, "running"),
      ),
    );
}

export type ReapedGeneration = { id: string; messageId: string };

/**
 * Runs whose instance died: their lease ran out (or, `everyRun`, a single-instance server starting
 * up knows no other process can hold one). They become "interrupted", and so do their answers,
 * keeping what was saved. Runs this instance holds (`keep`) are never touched.
 */
export async function reapGenerations(
  db: Db,
  input: {
    keep: string[];
    everyRun?: boolean;
    /** This instance's id: its own runs are never reaped by lease (it renews them itself)… */
    instanceId?: string;
    /** …except at start-up, when runs under its id are a previous process's. */
    ownRunsAreDead?: boolean;
  },
): Promise<ReapedGeneration[]> {
  return db.transaction(async (tx) => {
    const reaped = await tx
      .update(generations)
      .set({ status: "interrupted", endedAt: sql`now()` })
      .where(
        and(
          eq(generations.status, "running"),
          input.keep.length > 0 ? notInArray(generations.id, input.keep) : undefined,
          input.everyRun
            ? undefined
            : input.instanceId && input.ownRunsAreDead
              ? or(
                  eq(generations.instanceId, input.instanceId),
                  lt(generations.leaseUntil, sql`clock_timestamp()`),
                )
              : and(
                  lt(generations.leaseUntil, sql`clock_timestamp()`),
                  input.instanceId ? ne(generations.instanceId, input.instanceId) : undefined,
                ),
        ),
      )
      .returning({ id: generations.id, messageId: generations.messageId });
    if (reaped.length > 0) {
      await tx
        .update(messages)
        .set({ status: "interrupted", streamState: null, updatedAt: sql`now()` })
        .where(
          and(
            inArray(
              messages.id,
              reaped.map((r) => r.messageId),
            ),
            eq(messages.status, "streaming"),
          ),
        );
    }
    return reaped;
  });
}
