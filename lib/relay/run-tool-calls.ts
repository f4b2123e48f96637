import "server-only";
import { waitForToolDecision } from "@/lib/generations/runtime";
import { type AssembledMessage, toAssistantMessage } from "@/lib/stream/assembler";
import type { ToolMessage, WireMessage, WireToolCall } from "@/lib/stream/wire";
import {
  fail,
  parseArgs,
  runDefinedTool,
  type ToolConfig,
  type ToolOutcome,
  type ToolSet,
} from "@/lib/tools/registry";
import type { FrameSink } from "./frame-sink";

export type ToolRunOptions = {
  config: ToolConfig;
  set: ToolSet;
  /**
   * Where a waiting call's decision comes from: only a saved generation can wait (it outlives the
   * request). Without it, an ask-first or by-hand tool is answered with an error.
   */
  wait?: { generationId: string; timeoutMs: number };
};

type Call = AssembledMessage["toolCalls"][number];

/**
 * Runs the tool calls of one step concurrently and returns the messages for the next model call:
 * the assistant message (with its reasoning details, which Anthropic needs back to verify its
 * thinking) followed by one `tool` message per call, in the order the model made them.
 *
 * Each call follows its tool's approval: `always` runs at once (`parley.tool_start`); `ask`
 * announces `parley.tool_approval` and waits for Run or Deny; a tool answered by hand waits for
 * the user's text; `never` is refused. A denial is a tool result the model reads.
 */
export async function runToolCalls(
  assembled: AssembledMessage,
  step: number,
  sink: FrameSink,
  signal: AbortSignal,
  options: ToolRunOptions,
): Promise<WireMessage[]> {
  const calls = assembled.toolCalls;
  const plans = calls.map((call) => ({ call, mode: modeOf(call, options) }));
  // Announce every call before waiting on any, so the cards show at once.
  for (const { call, mode } of plans) {
    if (mode === "run" || mode === "refuse") {
      sink.event("parley.tool_start", { step, id: call.id, name: call.name, arguments: call.arguments });
    } else if (options.wait) {
      sink.event("parley.tool_approval", {
        step,
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        generationId: options.wait.generationId,
        kind: mode === "answer" ? "answer" : "approve",
      });
    } else {
      sink.event("parley.tool_start", { step, id: call.id, name: call.name, arguments: call.arguments });
    }
  }
  const results = await Promise.all(
    plans.map(async ({ call, mode }): Promise<ToolMessage> => {
      const started = performance.now();
      const outcome = await settle(call, mode, step, sink, signal, options);
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

type Mode = "run" | "ask" | "answer" | "refuse";

function modeOf(call: Pick<WireToolCall["function"], "name">, options: ToolRunOptions): Mode {
  const tool = options.set.get(call.name);
  if (!tool) return "run"; // runFromSet-style "unknown tool" error below
  if (tool.approval === "never") return "refuse";
  if (!tool.run) return "answer";
  return tool.approval === "ask" ? "ask" : "run";
}

async function settle(
  call: Call,
  mode: Mode,
  step: number,
  sink: FrameSink,
  signal: AbortSignal,
  options: ToolRunOptions,
): Promise<ToolOutcome> {
  const tool = options.set.get(call.name);
  const ctx = { signal, config: options.config };
  if (!tool) {
    return fail(
      `Unknown tool "${call.name.slice(0, 100)}". Available tools: ${[...options.set.keys()].join(", ")}.`,
    );
  }
  if (mode === "refuse") return fail(`The user does not allow ${tool.name} to run.`, "tool_denied");
  if (mode === "run") return runDefinedTool(tool, call.arguments, ctx);
  if (!options.wait) {
    return fail(
      `${tool.name} needs the user's ${mode === "answer" ? "answer" : "approval"}, which only a saved conversation can wait for.`,
      "tool_denied",
    );
  }
  // Arguments that do not fit the schema are refused before anyone is asked.
  const parsed = parseArgs(tool, call.arguments);
  const decision = await waitForToolDecision(
    options.wait.generationId,
    call.id,
    signal,
    options.wait.timeoutMs,
  );
  switch (decision.decision) {
    case "stopped":
      return fail("The tool call was cancelled.");
    case "timeout":
      return fail(
        `No one answered within ${Math.round(options.wait.timeoutMs / 60_000)} minutes, so ${tool.name} did not run.`,
        "tool_denied",
      );
    case "deny":
      return fail(`The user declined to run ${tool.name}.`, "tool_denied");
    case "answer":
      return { status: "done", result: decision.answer };
    case "run":
      if (mode === "answer") return fail(`${tool.name} is answered by hand.`);
      if (!parsed.ok) return parsed.outcome;
      sink.event("parley.tool_start", { step, id: call.id, name: call.name, arguments: call.arguments });
      return runDefinedTool(tool, call.arguments, ctx);
  }
}
