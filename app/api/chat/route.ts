import type { Db } from "@/lib/db/connect";
import { DbError } from "@/lib/db/errors";
import { cachedModelPolicy } from "@/lib/db/queries/settings";
import { serverEnv } from "@/lib/env";
import { gatewayConfig } from "@/lib/gateway/config";
import { ensureEmbeddedGateway } from "@/lib/gateway/embedded";
import { generationRuntime } from "@/lib/generations/runtime";
import { logger } from "@/lib/observability/logger";
import type { ChatTurnDeps } from "@/lib/relay/chat-turn";
import { followResponse } from "@/lib/relay/follow-response";
import { runGeneration } from "@/lib/relay/run-generation";
import { startTurn, TurnRefused } from "@/lib/relay/start-turn";
import { statelessTurn } from "@/lib/relay/stateless-turn";
import { toolConfigFromEnv } from "@/lib/tools/registry";
import { enforceLimits, LimitReached } from "@/lib/usage/limits";
import { chatRequestSchema, LIMITS, turnRequestSchema } from "@/lib/validations/chat";
import { ApiError, handle, parse, readJson, session } from "../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function turnDeps(): ChatTurnDeps {
  return { gateway: gatewayConfig(), tools: toolConfigFromEnv(), maxSteps: serverEnv().TOOL_MAX_STEPS };
}

/** The admin chooses which models are offered (admin area); any other is refused before the gateway. */
async function assertModelOffered(db: Db, model: string): Promise<void> {
  const policy = await cachedModelPolicy(db);
  if (!(policy.offered as readonly string[]).includes(model)) {
    throw new ApiError(400, "bad_request", `model: ${model} is not offered on this Parley.`, "model");
  }
}

/**
 * `POST /api/chat`. A saved turn (`{conversationId?, parentId?, message, model, settings}`, or
 * `regenerate`, or `continueMessageId`) starts a server-owned generation and answers with its
 * event stream from the first event; the generation outlives this request. The stateless form
 * (`{model, messages, settings}`) relays one answer for as long as the request lasts. The stream
 * format is in docs/EVENTS.md.
 */
export const POST = handle(async (request: Request) => {
  const json = await readJson(request, LIMITS.bodyBytes);
  const { db, userId } = await session(request);
  await ensureEmbeddedGateway();
  const model = typeof json === "object" && json !== null && "model" in json ? json.model : undefined;
  if (typeof model === "string") await assertModelOffered(db, model);
  const pingMs = serverEnv().RELAY_PING_SECONDS * 1000;

  if (typeof json === "object" && json !== null && "messages" in json) {
    const body = parse(chatRequestSchema, json);
    await enforceLimits(db, userId).catch((e: unknown) => {
      throw e instanceof LimitReached ? new ApiError(e.status, e.code, e.message) : e;
    });
    return statelessTurn(body, { db, userId, signal: request.signal, pingMs }, turnDeps());
  }

  const turn = parse(turnRequestSchema, json);
  let started: Awaited<ReturnType<typeof startTurn>>;
  try {
    started = await startTurn(db, userId, turn, generationRuntime().instanceId);
  } catch (e) {
    if (e instanceof TurnRefused) throw new ApiError(e.status, e.code, e.message);
    if (e instanceof DbError) throw e;
    logger.error({ err: e }, "could not save the turn");
    // Streaming an answer that cannot be kept would break the promise that nothing is lost.
    throw new ApiError(503, "unavailable", "Parley could not save the conversation. Try again in a moment.");
  }
  if (started.run) void runGeneration(started.run, turnDeps());
  return followResponse({
    generationId: started.generationId,
    afterId: 0,
    running: true,
    signal: request.signal,
    pingMs,
  });
});
