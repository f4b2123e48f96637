import "server-only";
import { getDb } from "@/lib/db/client";
import { endGeneration } from "@/lib/db/queries/generations";
import type { GenerationStatus } from "@/lib/db/schema";
import { serverEnv } from "@/lib/env";
import { generationRuntime } from "@/lib/generations/runtime";
import { childLogger } from "@/lib/observability/logger";
import {
  countGatewayError,
  countTokens,
  generationEnded,
  generationStarted,
  observeTimeToFirstToken,
} from "@/lib/observability/metrics";
import type { StreamFrame } from "@/lib/stream/events";
import type { BuiltMessage } from "@/lib/stream/message-builder";
import { recordUsage } from "@/lib/usage/record";
import { type ChatTurnDeps, type ChatTurnResult, runChatTurn } from "./chat-turn";
import { GenerationSink } from "./generation-sink";
import type { PreparedGeneration } from "./start-turn";
import { answerText, titleConversation } from "./title";
import { turnTools } from "./turn-tools";

/**
 * Runs a prepared generation to its end in the background: it belongs to the server, not to the
 * request that started it. Closing or reloading the tab changes nothing; only Stop (the runtime's
 * abort switch, reachable from any instance) ends it early. Every frame goes to the event log
 * that readers follow; the answer is saved as it streams and when it ends; an untitled
 * conversation is named afterwards (`parley.title`), then the log ends.
 *
 * Returns a promise for tests and the benchmark; callers in routes do not wait on it.
 */
export type GenerationHooks = {
  /** Every frame as it is written, with its time. */
  onFrame?: (frame: StreamFrame, now: number) => void;
  /** The final answer, saved; awaited before the log ends. */
  onEnd?: (final: BuiltMessage, result: ChatTurnResult) => Promise<void>;
};

export function runGeneration(
  g: PreparedGeneration,
  deps: ChatTurnDeps,
  hooks: GenerationHooks = {},
): Promise<void> {
  const rt = generationRuntime();
  const stop = new AbortController();
  rt.running.set(g.generationId, stop);
  rt.renewNow(g.generationId);
  rt.log.open(g.generationId);
  generationStarted(g.model);
  const log = childLogger({ generationId: g.generationId, model: g.model });
  return (async () => {
    const db = await getDb();
    const sink = new GenerationSink(
      rt.log,
      g.builder,
      {
        db,
        userId: g.userId,
        messageId: g.messageId,
        generationId: g.generationId,
      },
      hooks.onFrame,
    );
    let status: GenerationStatus = "error";
    try {
      sink.event("parley.saved", g.saved);
      if (g.droppedMessages > 0) {
        sink.event("parley.context", { droppedMessages: g.droppedMessages, keptMessages: g.keptMessages });
      }
      const result = await runChatTurn(
        {
          model: g.model,
          messages: g.history,
          settings: g.settings,
          tools: await turnTools(db, g),
          wait: { generationId: g.generationId, timeoutMs: serverEnv().TOOL_APPROVAL_TIMEOUT_SECONDS * 1000 },
        },
        sink,
        stop.signal,
        deps,
      );
      if (stop.signal.aborted) sink.event("parley.stopped", {});
      const final = await sink.finish();
      status = final.status === "streaming" ? "error" : (final.status as GenerationStatus);
      await endGeneration(db, { id: g.generationId, status });
      measure(g.model, final);
      await hooks
        .onEnd?.(final, result)
        .catch((e: unknown) => log.error({ err: e }, "generation hook failed"));
      // This run's own usage (the builder's may include what a continued answer had before).
      await recordUsage(db, {
        userId: g.userId,
        model: g.model,
        kind: "chat",
        usage: result.usage,
        generationId: g.generationId,
      });
      // Stop has nothing left to stop: a late press during the title must not cut the log short.
      rt.running.delete(g.generationId);
      const answer = answerText(final.parts);
      if (g.titleFrom !== null && answer.trim()) {
        const title = await titleConversation(
          db,
          {
            userId: g.userId,
            conversationId: g.conversationId,
            model: g.model,
            question: g.titleFrom,
            answer,
            generationId: g.generationId,
          },
          deps.gateway,
        );
        if (title) sink.event("parley.title", { conversationId: g.conversationId, title });
      }
    } catch (e) {
      log.error({ err: e }, "generation failed");
      await endGeneration(db, { id: g.generationId, status: "error" }).catch(() => undefined);
    } finally {
      rt.running.delete(g.generationId);
      sink.end();
      generationEnded(g.model, status === "running" ? "error" : status);
      log.info({ status }, "generation ended");
    }
  })();
}

/** Prometheus figures for one finished answer (no text, only numbers and codes). */
function measure(model: string, m: BuiltMessage): void {
  if (m.meta.ttftMs !== undefined) observeTimeToFirstToken(model, m.meta.ttftMs);
  if (m.meta.error) countGatewayError(m.meta.error.code);
  const u = m.meta.usage;
  if (u) {
    countTokens(model, "prompt", u.prompt_tokens ?? 0);
    countTokens(model, "completion", u.completion_tokens ?? 0);
    const reasoning = u.completion_tokens_details?.reasoning_tokens;
    if (typeof reasoning === "number") countTokens(model, "reasoning", reasoning);
  }
}
