/**
 * A message builder as plain JSON, and back. The server saves this beside a streaming answer's
 * parts, with the id of the last event it includes; a reloaded page (or another tab, or another
 * instance) restores it and applies the events after that id, so it ends with exactly the message
 * an uninterrupted reader built: no gap, no repeated word. Pure, like the builder itself.
 */
import { type Assembly, createAssembly, type MutableCall } from "./assembler";
import type { MessageBuilder, StepState, ToolRun } from "./message-builder";
import type { MessageMeta, MessagePart } from "./message-parts";
import type { ReasoningDetail } from "./wire";

type AssemblyJson = Omit<Assembly, "details" | "calls"> & {
  details: [number, ReasoningDetail][];
  calls: [number, MutableCall][];
};

type StepJson = Omit<StepState, "assembly" | "tools" | "builtAt" | "toolVersion" | "parts"> & {
  assembly: AssemblyJson;
  tools: [string, ToolRun][];
};

export type BuilderSnapshot = Omit<MessageBuilder, "steps"> & { v: 1; steps: StepJson[] };

/** Text kept as arrays of deltas is joined: a snapshot stores each string once. */
const once = (parts: string[]): string[] => (parts.length > 1 ? [parts.join("")] : [...parts]);

function assemblyToJson(a: Assembly): AssemblyJson {
  return {
    ...a,
    content: once(a.content),
    reasoningByField: {
      reasoning_content: once(a.reasoningByField.reasoning_content),
      reasoning: once(a.reasoningByField.reasoning),
      reasoning_details: once(a.reasoningByField.reasoning_details),
    },
    refusal: once(a.refusal),
    details: [...a.details.entries()],
    calls: [...a.calls.entries()].map(([i, c]) => [i, { ...c, args: once(c.args) }]),
  };
}

function assemblyFromJson(j: AssemblyJson): Assembly {
  return {
    ...j,
    content: [...j.content],
    reasoningByField: {
      reasoning_content: [...j.reasoningByField.reasoning_content],
      reasoning: [...j.reasoningByField.reasoning],
      reasoning_details: [...j.reasoningByField.reasoning_details],
    },
    refusal: [...j.refusal],
    details: new Map(j.details),
    calls: new Map(j.calls.map(([i, c]) => [i, { ...c, args: [...c.args] }])),
  };
}

export function snapshotBuilder(b: MessageBuilder): BuilderSnapshot {
  const { steps, ...rest } = b;
  return {
    v: 1,
    ...rest,
    steps: steps.map((s) => ({
      step: s.step,
      ...(s.frozen && { frozen: s.frozen }),
      ...(s.mergeText && { mergeText: true }),
      assembly: assemblyToJson(s.assembly),
      tools: [...s.tools.entries()],
      ended: s.ended,
      finishReason: s.finishReason,
      truncated: s.truncated,
      ...(s.reasoningStartedAt !== undefined && { reasoningStartedAt: s.reasoningStartedAt }),
      ...(s.reasoningEndedAt !== undefined && { reasoningEndedAt: s.reasoningEndedAt }),
    })),
  };
}

export function restoreBuilder(snap: BuilderSnapshot): MessageBuilder {
  const { v: _v, steps, ...rest } = snap;
  return {
    ...rest,
    steps: steps.map((s) => ({
      ...s,
      assembly: assemblyFromJson(s.assembly),
      tools: new Map(s.tools),
      builtAt: -1,
      toolVersion: 0,
      parts: [],
    })),
  };
}

/**
 * A builder that continues a finished message (Continue): its parts stay as they are and the new
 * generation's text joins the last text part. Usage so far is kept and added to.
 */
export function continuingBuilder(
  message: { parts: MessagePart[]; meta?: MessageMeta },
  opts: { startedAt: number; model?: string },
): MessageBuilder {
  return {
    startedAt: opts.startedAt,
    model: opts.model,
    steps: [
      {
        step: -1,
        frozen: trimTail(message.parts),
        assembly: createAssembly(),
        tools: new Map(),
        ended: true,
        finishReason: null,
        truncated: false,
        builtAt: -1,
        toolVersion: 0,
        parts: [],
      },
    ],
    done: false,
    stopped: false,
    error: null,
    finishReason: null,
    usage: null,
    stepUsage: message.meta?.usage ?? null,
  };
}

/**
 * The model is given the partial answer without its trailing whitespace (providers refuse a final
 * assistant message ending in it) and writes that whitespace itself: drop it here too, or the
 * joined text would hold it twice.
 */
function trimTail(parts: MessagePart[]): MessagePart[] {
  const last = parts.at(-1);
  if (last?.type !== "text") return parts;
  return [...parts.slice(0, -1), { ...last, text: last.text.trimEnd() }];
}
