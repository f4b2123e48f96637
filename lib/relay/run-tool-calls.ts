import "server-only";
import { type AssembledMessage, toAssistantMessage } from "@/lib/stream/assembler";
import type { ToolMessage, WireMessage } from "@/lib/stream/wire";
import { runFromSet, type ToolConfig, type ToolSet } from "@/lib/tools/registry";
import type { FrameSink } from "./frame-sink";

/**
 * Runs the tool calls of one step concurrently and returns the messages for the next model call:
 * the assistant message (with its reasoning details, which Anthropic needs back to verify its
 * thinking) followed by one `tool` message per call, in the order the model made them.
 */
export async function runToolCalls(
  assembled: AssembledMessage,
  step: number,
  sink: FrameSink,
  signal: AbortSignal,
  tools: { config: ToolConfig; set: ToolSet },
): Promise<WireMessage[]> {
  const { config, set } = tools;
  const calls = assembled.toolCalls;
  for (const call of calls) {
    sink.event("parley.tool_start", { step, id: call.id, name: call.name, arguments: call.arguments });
  }
  const results = await Promise.all(
    calls.map(async (call): Promise<ToolMessage> => {
      const started = performance.now();
      const outcome = await runFromSet(set, call.name, call.arguments, { signal, config });
      sink.event("parley.tool_result", {
        step,
        id: call.id,
        name: call.name,
        status: outcome.status,
        result: outcome.result,
        durationMs: Math.round(performance.now() - started),
      });
      return { role: "tool", tool_call_id: call.id, content: outcome.result };
    }),
  );
  return [toAssistantMessage(assembled), ...results];
}
