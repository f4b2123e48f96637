import "server-only";
import { type GatewayConfig, openChatStream } from "@/lib/gateway/client";
import { errorFromStreamBody, GatewayError, toErrorEvent } from "@/lib/gateway/errors";
import { buildChatRequest } from "@/lib/gateway/request";
import { type AssembledMessage, applyEvent, createAssembly, finish } from "@/lib/stream/assembler";
import type { Usage, WireMessage } from "@/lib/stream/wire";
import { builtinToolSet, type ToolConfig, type ToolSet } from "@/lib/tools/registry";
import type { ChatSettings } from "@/lib/validations/chat";
import type { FrameSink } from "./frame-sink";
import { completionToChunk, isErrorOnly } from "./normalise-event";
import { runToolCalls } from "./run-tool-calls";
import { addUsage } from "./usage";

/**
 * What one turn sends: the model, the history the gateway sees, and the user's settings. `tools`
 * is the turn's resolved tool set (built-in, MCP and user-defined); without it, the built-ins the
 * settings name.
 */
export type TurnInput = {
  model: string;
  messages: readonly WireMessage[];
  settings: ChatSettings;
  tools?: ToolSet;
  /** A saved generation can wait for the user (ask-first tools, tools answered by hand). */
  wait?: { generationId: string; timeoutMs: number };
};

export type ChatTurnDeps = {
  gateway: GatewayConfig;
  tools: ToolConfig;
  maxSteps: number;
};

export type ChatTurnResult = {
  steps: number;
  finishReason: string | null;
  usage: Usage | null;
  error: GatewayError | null;
};

/**
 * One user turn: call the gateway, relay its chunks as they arrive, run any built-in tools the
 * model asked for, and call the gateway again with their results, up to `maxSteps` model calls.
 *
 * Every step is assembled here with the same pure module the browser uses, so the server knows
 * the tool calls, the finish reason and the usage without a second parser.
 */
export async function runChatTurn(
  body: TurnInput,
  sink: FrameSink,
  signal: AbortSignal,
  deps: ChatTurnDeps,
): Promise<ChatTurnResult> {
  const toolSet = body.tools ?? builtinToolSet(body.settings.tools ?? []);
  const wireTools = toolSet.size > 0 ? [...toolSet.values()].map((t) => t.wire) : undefined;
  const messages: WireMessage[] = [...body.messages];
  let usage: Usage | null = null;
  let finishReason: string | null = null;
  let step = 0;

  try {
    for (; step < deps.maxSteps; step++) {
      sink.event("parley.step", { step, model: body.model });
      const request = buildChatRequest({
        model: body.model,
        messages,
        settings: body.settings,
        tools: wireTools,
        stream: true,
      });
      const assembled = await relayOneStep(request, sink, signal, deps.gateway);
      usage = addUsage(usage, assembled.usage);
      finishReason = assembled.finishReason;
      sink.event("parley.step_end", {
        step,
        finishReason: assembled.finishReason,
        truncated: assembled.truncated,
        usage: assembled.usage,
      });
      if (assembled.error) throw errorFromStreamBody(assembled.error);

      // Some gateways say "stop" after tool calls; a cut ("length") leaves arguments unfinished.
      const wantsTools =
        assembled.toolCalls.length > 0 &&
        assembled.finishReason !== "length" &&
        assembled.finishReason !== "content_filter";
      if (!wantsTools || !wireTools) break;
      if (step === deps.maxSteps - 1) {
        throw new GatewayError({ code: "tool_loop_limit", context: { maxSteps: deps.maxSteps } });
      }
      const results = await runToolCalls(assembled, step, sink, signal, {
        config: deps.tools,
        set: toolSet,
        wait: body.wait,
      });
      messages.push(...results);
    }
    sink.event("parley.done", { finishReason, steps: Math.min(step + 1, deps.maxSteps), usage });
    return { steps: step + 1, finishReason, usage, error: null };
  } catch (cause) {
    if (signal.aborted) return { steps: step + 1, finishReason: "stopped", usage, error: null };
    const error = cause instanceof GatewayError ? cause : GatewayError.internal(cause);
    sink.event("parley.error", toErrorEvent(error));
    sink.event("parley.done", { finishReason, steps: step + 1, usage });
    return { steps: step + 1, finishReason, usage, error };
  }
}

/** Streams one model call to the sink and returns its assembly. */
async function relayOneStep(
  request: ReturnType<typeof buildChatRequest>,
  sink: FrameSink,
  signal: AbortSignal,
  gateway: GatewayConfig,
): Promise<AssembledMessage> {
  const opened = await openChatStream(request, gateway, { signal });
  const assembly = createAssembly();
  for await (const ev of opened.events) {
    const data = completionToChunk(ev.data);
    const malformed = assembly.malformedChunks;
    applyEvent(assembly, { event: ev.event, data });
    // `[DONE]` is the gateway's end marker; the browser gets Parley's own `parley.done` instead.
    // Error frames carry upstream text: they become a safe `parley.error` after the step. A chunk
    // that is not JSON is skipped (the gateway client logs it): the stream goes on without it.
    if (
      data === "[DONE]" ||
      ev.event === "error" ||
      isErrorOnly(data) ||
      assembly.malformedChunks > malformed
    )
      continue;
    sink.chunk(data);
  }
  return finish(assembly);
}
