import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";
import { DbError, notFound } from "@/lib/db/errors";
import { newId } from "@/lib/db/ids";
import {
  createConversation,
  getConversation,
  updateConversationSettings,
} from "@/lib/db/queries/conversations";
import {
  countRunningGenerations,
  createGeneration,
  latestGenerationForMessage,
} from "@/lib/db/queries/generations";
import { branchOf } from "@/lib/db/queries/list-messages";
import { getMessagePath, messagesByIds } from "@/lib/db/queries/message-path";
import { appendUserMessage, createAssistantMessage } from "@/lib/db/queries/messages";
import { messages } from "@/lib/db/schema";
import { serverEnv } from "@/lib/env";
import type { ErrorCode } from "@/lib/errors/codes";
import { continuingBuilder, snapshotBuilder } from "@/lib/stream/builder-snapshot";
import type { ParleyEventMap } from "@/lib/stream/events";
import { createMessageBuilder, type MessageBuilder } from "@/lib/stream/message-builder";
import { partsToWire, withPartialAnswer } from "@/lib/stream/parts-to-wire";
import type { UserMessage, WireMessage } from "@/lib/stream/wire";
import { enforceLimits, LimitReached } from "@/lib/usage/limits";
import type { TurnRequest } from "@/lib/validations/chat";
import { fitToContext } from "./history";
import { inlineAttachmentImages } from "./inline-attachments";
import { storeUserParts, userText } from "./user-parts";

/** A turn refused before anything runs: the route answers with this status and code, in words. */
export class TurnRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type StartedTurn = {
  generationId: string;
  /** The same message id was sent before: this is that turn's generation, nothing new was written. */
  duplicate: boolean;
  /** For a new generation: everything needed to run it. */
  run?: PreparedGeneration;
};

export type PreparedGeneration = {
  generationId: string;
  userId: string;
  conversationId: string;
  messageId: string;
  model: string;
  settings: TurnRequest["settings"];
  /** What the gateway sees: the stored path, images inlined, fitted to the context. */
  history: WireMessage[];
  droppedMessages: number;
  keptMessages: number;
  builder: MessageBuilder;
  saved: ParleyEventMap["parley.saved"];
  /** Set when the conversation has no title yet: the question the title is made from. */
  titleFrom: string | null;
};

/**
 * Everything a saved turn does before the model is called, in one transaction: the conversation
 * (new or this user's), the user's message under its client-made id (unless regenerating or
 * continuing), the answer row, the generation row, and the history the gateway will see, built
 * from the stored path, never from what a browser happened to have loaded.
 *
 * Refuses (TurnRefused) a conversation or message that is not this user's (404, as if unknown),
 * a continuation of an answer that is still running (409), a user over the limit of answers
 * running at once (429), and a user or group over a budget or the per-minute limit (429,
 * lib/usage/limits.ts).
 */
export async function startTurn(
  db: Db,
  userId: string,
  req: TurnRequest,
  instanceId: string,
  /** A comparison runs its columns at once: it may allow more answers running than one chat. */
  opts: { maxRunning?: number } = {},
): Promise<StartedTurn> {
  const env = serverEnv();
  if (req.message) {
    const existing = await duplicateOf(db, userId, req.message.id, req.conversationId);
    if (existing) return { generationId: existing, duplicate: true };
  }
  // Budgets and the per-minute limit, before anything is written or sent to the gateway.
  try {
    await enforceLimits(db, userId);
  } catch (e) {
    if (e instanceof LimitReached) throw new TurnRefused(429, e.code, e.message);
    throw e;
  }
  try {
    const run = await db.transaction((tx) => prepare(tx, userId, req, env, instanceId, opts.maxRunning));
    return { generationId: run.generationId, duplicate: false, run };
  } catch (e) {
    // Two identical sends at once: the second hits the primary key of the first.
    if (req.message && isUniqueViolation(e)) {
      const existing = await duplicateOf(db, userId, req.message.id, req.conversationId);
      if (existing) return { generationId: existing, duplicate: true };
    }
    if (e instanceof DbError && e.code === "not_found") {
      throw new TurnRefused(404, "not_found", `The ${e.message.replace(/ not found$/, "")} was not found.`);
    }
    if (e instanceof DbError) throw new TurnRefused(400, "bad_request", e.message);
    throw e;
  }
}

async function prepare(
  tx: Db,
  userId: string,
  req: TurnRequest,
  env: ReturnType<typeof serverEnv>,
  instanceId: string,
  maxRunning = env.MAX_GENERATIONS_PER_USER,
): Promise<PreparedGeneration> {
  // One start at a time per user (until this transaction ends), so two sends racing each other
  // cannot both slip under the limit.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${userId}, 0))`);
  const running = await countRunningGenerations(tx, userId);
  if (running >= maxRunning) {
    throw new TurnRefused(
      429,
      "too_many_generations",
      `You already have ${running} answers being written (the limit is ${maxRunning}). Wait for one to finish or stop it.`,
    );
  }

  // The conversation: this user's, or a new one.
  let conversationId: string;
  let untitled: boolean;
  let leafId: string | null;
  if (req.conversationId) {
    const conv = await getConversation(tx, { userId, conversationId: req.conversationId });
    if (!conv) throw notFound("conversation");
    conversationId = conv.id;
    untitled = conv.title === "";
    leafId = conv.currentLeafId;
    // The composer's model and settings are the conversation's from now on.
    if (conv.model !== req.model || JSON.stringify(conv.settings) !== JSON.stringify(req.settings)) {
      await updateConversationSettings(tx, {
        userId,
        conversationId,
        model: req.model,
        settings: req.settings,
      });
    }
  } else {
    const conv = await createConversation(tx, { userId, model: req.model, settings: req.settings });
    conversationId = conv.id;
    untitled = true;
    leafId = null;
  }

  const generationId = newId();
  const startedAt = Date.now();
  let userMessageId: string | null = null;
  let userBranch: ParleyEventMap["parley.saved"]["userBranch"] = null;
  let answerId: string;
  let answerParent: string;
  let history: WireMessage[];
  let builder: MessageBuilder;
  let titleFrom: string | null = null;
  let model: string = req.model;

  if (req.continueMessageId) {
    const answer = await ownMessage(tx, userId, conversationId, req.continueMessageId);
    if (answer.role !== "assistant")
      throw new TurnRefused(400, "bad_request", "Only an answer can be continued.");
    if (answer.status === "streaming") {
      throw new TurnRefused(409, "conflict", "This answer is still being written.");
    }
    if (!answer.parentId)
      throw new TurnRefused(400, "bad_request", "This answer has no question to continue from.");
    answerId = answer.id;
    answerParent = answer.parentId;
    model = answer.model ?? req.model;
    const path = await getMessagePath(tx, { userId, conversationId, leafId: answer.parentId });
    history = withPartialAnswer(partsToWire(path), answer);
    builder = continuingBuilder({ parts: answer.parts, meta: { usage: answer.usage } }, { startedAt, model });
    await tx
      .update(messages)
      .set({
        status: "streaming",
        error: null,
        finishReason: null,
        generationId,
        lastEventId: 0,
        // A reader arriving before the first progress save starts from the parts it continues.
        streamState: snapshotBuilder(builder),
      })
      .where(and(eq(messages.id, answer.id), eq(messages.userId, userId)));
  } else {
    if (req.regenerate) {
      const question = await ownMessage(tx, userId, conversationId, req.parentId as string);
      if (question.role !== "user")
        throw new TurnRefused(400, "bad_request", "Only a question can be answered again.");
      answerParent = question.id;
    } else {
      const parentId = req.parentId === undefined ? leafId : req.parentId;
      if (parentId !== null) await ownMessage(tx, userId, conversationId, parentId);
      const user = req.message as NonNullable<TurnRequest["message"]>;
      const wire = { role: "user", content: user.content } as UserMessage;
      const parts = await storeUserParts(tx, userId, wire);
      userMessageId = (await appendUserMessage(tx, { id: user.id, userId, conversationId, parentId, parts }))
        .id;
      userBranch = await branchOf(tx, { userId, conversationId, messageId: userMessageId, parentId });
      if (untitled) titleFrom = userText(wire);
      answerParent = userMessageId;
    }
    const path = await getMessagePath(tx, { userId, conversationId, leafId: answerParent });
    if (untitled && titleFrom === null) {
      const question = path.at(-1);
      titleFrom = question ? textOf(question.parts) : "";
    }
    history = partsToWire(path);
    const answer = await createAssistantMessage(tx, {
      id: req.answerId,
      userId,
      conversationId,
      parentId: answerParent,
      model,
    });
    answerId = answer.id;
    await tx.update(messages).set({ generationId, lastEventId: 0 }).where(eq(messages.id, answerId));
    builder = createMessageBuilder({ startedAt, model });
  }

  await createGeneration(tx, {
    id: generationId,
    userId,
    conversationId,
    messageId: answerId,
    model,
    instanceId,
    leaseSeconds: env.GENERATION_LEASE_SECONDS,
  });

  const inlined = await inlineAttachmentImages(tx, userId, history);
  const budget =
    env.CONTEXT_TOKENS -
    (req.settings.max_tokens ?? 4096) -
    Math.ceil((req.settings.system?.length ?? 0) / 4);
  const fitted = fitToContext(inlined, budget);
  const assistantBranch = await branchOf(tx, {
    userId,
    conversationId,
    messageId: answerId,
    parentId: answerParent,
  });

  return {
    generationId,
    userId,
    conversationId,
    messageId: answerId,
    model,
    settings: req.settings,
    history: fitted.messages,
    droppedMessages: fitted.droppedMessages,
    keptMessages: fitted.messages.length,
    builder,
    titleFrom: untitled ? titleFrom : null,
    saved: {
      conversationId,
      userMessageId,
      assistantMessageId: answerId,
      generationId,
      userBranch,
      assistantBranch,
      continued: Boolean(req.continueMessageId),
    },
  };
}

function textOf(parts: { type: string; text?: string }[]): string {
  return parts
    .filter((p) => p.type === "text")
    .map((p) => p.text ?? "")
    .join("\n");
}

async function ownMessage(db: Db, userId: string, conversationId: string, id: string) {
  const found = (await messagesByIds(db, userId, [id])).get(id);
  if (!found || found.conversationId !== conversationId) throw notFound("message");
  return found;
}

/** The generation that answered this user message id before, if this user sent it. */
async function duplicateOf(
  db: Db,
  userId: string,
  messageId: string,
  conversationId: string | undefined,
): Promise<string | null> {
  const found = (await messagesByIds(db, userId, [messageId])).get(messageId);
  if (!found) {
    // Another user's id: refuse without saying whose (a plain insert would fail the same way).
    const [other] = await db.select({ id: messages.id }).from(messages).where(eq(messages.id, messageId));
    if (other) throw new TurnRefused(404, "not_found", "The message was not found.");
    return null;
  }
  if (conversationId && found.conversationId !== conversationId) {
    throw new TurnRefused(409, "conflict", "This message id belongs to another conversation.");
  }
  const answers = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.parentId, messageId), eq(messages.userId, userId), eq(messages.role, "assistant")),
    );
  for (const a of answers.reverse()) {
    const g = await latestGenerationForMessage(db, { userId, messageId: a.id });
    if (g) return g.id;
  }
  throw new TurnRefused(409, "conflict", "This message was already sent.");
}

function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: string }).code === "23505") return true;
  }
  return false;
}
