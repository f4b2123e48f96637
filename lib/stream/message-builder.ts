/**
 * Turns the frames of one Parley response (gateway chunks plus `parley.*` events, see events.ts)
 * into a message as Parley shows and stores it: ordered parts, metadata and a status. Pure and
 * clock-free (the caller passes `now`), so the browser renders with it and the server persists
 * with it, and both agree on what a stream means.
 *
 * Each model call ("step") is read by the shared assembler; the builder only adds what lies
 * between steps: tool runs, timings, errors and the end of the turn.
 *
 * Cheap to call per animation frame: parts that did not change keep their object identity, so
 * memoised components skip them, and a step that has ended is never rebuilt.
 */
import {
  type AssembledMessage,
  type Assembly,
  applyEvent,
  createAssembly,
  finish,
  snapshot,
} from "./assembler";
import type { StreamFrame } from "./events";
import type { MessageMeta, MessagePart, MessageStatus, ToolAwaiting, ToolCallStatus } from "./message-parts";
import type { FinishReason, Usage } from "./wire";

export type ToolRun = {
  status: "awaiting-approval" | "running" | "done" | "error";
  /** While awaiting the user: where the decision goes. */
  awaiting?: ToolAwaiting;
  result?: string;
  durationMs?: number;
  name: string;
  args: string;
};

export type StepState = {
  step: number;
  /**
   * Parts of an earlier generation this one continues (Continue): shown as they are, never
   * re-assembled. Only the first step of a continued builder has them.
   */
  frozen?: MessagePart[];
  /** This step's first text part joins the previous step's last one (a continuation). */
  mergeText?: boolean;
  assembly: Assembly;
  tools: Map<string, ToolRun>;
  ended: boolean;
  finishReason: FinishReason | null;
  truncated: boolean;
  reasoningStartedAt?: number;
  reasoningEndedAt?: number;
  /** assembly.version + tool events seen when `parts` was computed. */
  builtAt: number;
  toolVersion: number;
  parts: MessagePart[];
};

export type MessageBuilder = {
  startedAt: number;
  /** Oldest turns left out of what the gateway saw (the conversation outgrew the context). */
  droppedMessages?: number;
  model?: string;
  steps: StepState[];
  firstTokenAt?: number;
  endedAt?: number;
  done: boolean;
  stopped: boolean;
  error: MessageMeta["error"];
  finishReason: FinishReason | null;
  usage: Usage | null;
  /** Usage summed over finished steps, shown while a tool loop is still running. */
  stepUsage: Usage | null;
};

export type BuiltMessage = {
  parts: MessagePart[];
  meta: MessageMeta;
  status: MessageStatus;
  /** The step being streamed (or the last one). */
  step: number;
};

export function createMessageBuilder(opts: { startedAt: number; model?: string }): MessageBuilder {
  return {
    startedAt: opts.startedAt,
    model: opts.model,
    steps: [],
    done: false,
    stopped: false,
    error: null,
    finishReason: null,
    usage: null,
    stepUsage: null,
  };
}

function newStep(step: number): StepState {
  return {
    step,
    assembly: createAssembly(),
    tools: new Map(),
    ended: false,
    finishReason: null,
    truncated: false,
    builtAt: -1,
    toolVersion: 0,
    parts: [],
  };
}

/** The step chunks belong to; a stream without `parley.step` (a replay, a bare gateway) is step 0. */
function currentStep(b: MessageBuilder): StepState {
  let s = b.steps.at(-1);
  if (!s || s.frozen) {
    s = openStep(b, 0);
  }
  return s;
}

/** A new step; the first one after continued parts carries on their text. */
function openStep(b: MessageBuilder, step: number): StepState {
  const s = newStep(step);
  if (b.steps.at(-1)?.frozen) s.mergeText = true;
  b.steps.push(s);
  return s;
}

function stepFor(b: MessageBuilder, step: number): StepState {
  return b.steps.find((s) => s.step === step && !s.frozen) ?? currentStep(b);
}

function hasReasoning(a: Assembly): boolean {
  const r = a.reasoningByField;
  return r.reasoning_content.length + r.reasoning.length + r.reasoning_details.length > 0;
}

function hasAnswer(a: Assembly): boolean {
  return a.content.length > 0 || a.calls.size > 0 || a.refusal.length > 0;
}

export function applyFrame(b: MessageBuilder, frame: StreamFrame, now: number): void {
  switch (frame.kind) {
    case "parley.saved":
    case "parley.title":
    case "parley.gone":
      // Where the turn is stored, and what the conversation is called, say nothing of its content.
      return;
    case "parley.context":
      b.droppedMessages = frame.data.droppedMessages;
      return;
    case "parley.stopped":
      markStopped(b, now);
      return;
    case "chunk": {
      const s = currentStep(b);
      applyEvent(s.assembly, { data: frame.data });
      const reasoning = hasReasoning(s.assembly);
      const answer = hasAnswer(s.assembly);
      if (reasoning && s.reasoningStartedAt === undefined) s.reasoningStartedAt = now;
      if (answer && s.reasoningStartedAt !== undefined && s.reasoningEndedAt === undefined)
        s.reasoningEndedAt = now;
      if ((reasoning || answer) && b.firstTokenAt === undefined) b.firstTokenAt = now;
      return;
    }
    case "parley.step": {
      const last = b.steps.at(-1);
      // A stream may start with chunks before its first step event; they belong to that step.
      if (last && !last.frozen && last.step === frame.data.step) return;
      if (last) endStep(last, now);
      openStep(b, frame.data.step);
      if (frame.data.model) b.model ??= frame.data.model;
      return;
    }
    case "parley.step_end": {
      const s = stepFor(b, frame.data.step);
      endStep(s, now);
      s.finishReason = frame.data.finishReason;
      s.truncated = frame.data.truncated;
      if (frame.data.usage) b.stepUsage = addUsage(b.stepUsage, frame.data.usage);
      return;
    }
    case "parley.tool_start": {
      const s = stepFor(b, frame.data.step);
      s.tools.set(frame.data.id, { status: "running", name: frame.data.name, args: frame.data.arguments });
      s.toolVersion++;
      return;
    }
    case "parley.tool_approval": {
      const s = stepFor(b, frame.data.step);
      const { generationId, kind } = frame.data;
      s.tools.set(frame.data.id, {
        status: "awaiting-approval",
        awaiting: { generationId, kind },
        name: frame.data.name,
        args: frame.data.arguments,
      });
      s.toolVersion++;
      return;
    }
    case "parley.tool_result": {
      const s = stepFor(b, frame.data.step);
      const prev = s.tools.get(frame.data.id);
      s.tools.set(frame.data.id, {
        status: frame.data.status,
        result: frame.data.result,
        durationMs: frame.data.durationMs,
        name: frame.data.name,
        args: prev?.args ?? "",
      });
      s.toolVersion++;
      return;
    }
    case "parley.error": {
      const { code, message, retryAfterSeconds } = frame.data;
      b.error ??= retryAfterSeconds !== undefined ? { code, message, retryAfterSeconds } : { code, message };
      touchAll(b);
      return;
    }
    case "parley.done": {
      b.done = true;
      b.endedAt ??= now;
      b.finishReason = frame.data.finishReason;
      b.usage = frame.data.usage ?? b.stepUsage;
      for (const s of b.steps) endStep(s, now);
      touchAll(b);
      return;
    }
  }
}

/** The user pressed Stop: what streamed stays, the message is marked stopped. */
export function markStopped(b: MessageBuilder, now: number): void {
  if (b.done) return;
  b.stopped = true;
  b.endedAt ??= now;
  for (const s of b.steps) endStep(s, now);
  touchAll(b);
}

function endStep(s: StepState, now: number): void {
  if (s.ended) return;
  s.ended = true;
  if (s.reasoningStartedAt !== undefined && s.reasoningEndedAt === undefined) s.reasoningEndedAt = now;
  s.toolVersion++;
}

/** Forces every step to recompute its parts (tool statuses depend on how the turn ended). */
function touchAll(b: MessageBuilder): void {
  for (const s of b.steps) s.toolVersion++;
}

function addUsage(a: Usage | null, b: Usage): Usage {
  if (!a) return { ...b };
  return {
    ...b,
    prompt_tokens: (a.prompt_tokens ?? 0) + (b.prompt_tokens ?? 0),
    completion_tokens: (a.completion_tokens ?? 0) + (b.completion_tokens ?? 0),
    total_tokens: (a.total_tokens ?? 0) + (b.total_tokens ?? 0),
  };
}

function toolStatus(b: MessageBuilder, s: StepState, run: ToolRun | undefined): ToolCallStatus {
  if (run) {
    if ((run.status === "running" || run.status === "awaiting-approval") && (b.error || b.stopped))
      return "error";
    return run.status;
  }
  if (!s.ended && !b.done && !b.stopped && !b.error) return "calling";
  // The model asked for a tool that never ran here (a replay, tools off, or the turn failed).
  return b.error || b.stopped ? "error" : "done";
}

function stepParts(b: MessageBuilder, s: StepState, m: AssembledMessage): MessagePart[] {
  const parts: MessagePart[] = [];
  if (m.reasoning) {
    const durationMs =
      s.reasoningStartedAt !== undefined && s.reasoningEndedAt !== undefined
        ? s.reasoningEndedAt - s.reasoningStartedAt
        : undefined;
    parts.push({
      type: "reasoning",
      text: m.reasoning,
      ...(durationMs !== undefined && { durationMs }),
      ...(m.reasoningDetails.length > 0 && { details: m.reasoningDetails }),
    });
  }
  // Whitespace-only content (a stray "\n\n" before a tool call) is not an answer worth a bubble.
  if (m.content?.trim()) parts.push({ type: "text", text: m.content });
  if (m.refusal) parts.push({ type: "refusal", text: m.refusal });
  for (const call of m.toolCalls) {
    const run = s.tools.get(call.id);
    parts.push({
      type: "tool-call",
      id: call.id,
      name: call.name || run?.name || "tool",
      arguments: call.arguments || run?.args || "",
      status: toolStatus(b, s, run),
      ...(run?.result !== undefined && { result: run.result }),
      ...(run?.durationMs !== undefined && { durationMs: run.durationMs }),
      step: s.step,
      ...awaitingOf(b, s, run),
    });
  }
  // Tool runs the stream never announced as calls (should not happen; never drop them).
  for (const [id, run] of s.tools) {
    if (m.toolCalls.some((c) => c.id === id)) continue;
    parts.push({
      type: "tool-call",
      id,
      name: run.name,
      arguments: run.args,
      status: toolStatus(b, s, run),
      ...(run.result !== undefined && { result: run.result }),
      ...(run.durationMs !== undefined && { durationMs: run.durationMs }),
      step: s.step,
      ...awaitingOf(b, s, run),
    });
  }
  return parts;
}

/** The decision target, only while the call still waits. */
function awaitingOf(b: MessageBuilder, s: StepState, run: ToolRun | undefined): { awaiting?: ToolAwaiting } {
  return run?.awaiting && toolStatus(b, s, run) === "awaiting-approval" ? { awaiting: run.awaiting } : {};
}

function shallowEqual(x: MessagePart, y: MessagePart): boolean {
  if (x.type !== y.type) return false;
  const a = x as Record<string, unknown>;
  const c = y as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(c).length) return false;
  for (const k of keys) {
    if (k === "details") {
      if (JSON.stringify(a[k]) !== JSON.stringify(c[k])) return false;
    } else if (a[k] !== c[k]) return false;
  }
  return true;
}

/** Recomputes a step's parts only when it changed, reusing part objects that are unchanged. */
function partsOf(b: MessageBuilder, s: StepState): MessagePart[] {
  if (s.frozen) return s.frozen;
  const version = s.assembly.version * 1_000_003 + s.toolVersion;
  if (version === s.builtAt) return s.parts;
  const m = s.ended ? finish(s.assembly) : snapshot(s.assembly);
  const next = stepParts(b, s, m);
  const prev = s.parts;
  s.parts = next.map((p, i) => (prev[i] && shallowEqual(prev[i], p) ? prev[i] : p));
  s.builtAt = version;
  return s.parts;
}

export function build(b: MessageBuilder): BuiltMessage {
  const parts: MessagePart[] = [];
  for (const s of b.steps) {
    const own = partsOf(b, s);
    const first = own[0];
    const prev = parts.at(-1);
    if (s.mergeText && first?.type === "text" && prev?.type === "text") {
      // Continue: the new text carries on the cut sentence inside the same part.
      parts[parts.length - 1] = { type: "text", text: prev.text + first.text };
      for (const p of own.slice(1)) parts.push(p);
    } else for (const p of own) parts.push(p);
  }

  const last = b.steps.at(-1);
  const lastMessage = last ? (last.ended ? finish(last.assembly) : null) : null;
  const status: MessageStatus = b.error ? "error" : b.stopped ? "stopped" : b.done ? "done" : "streaming";
  const finishReason = b.done ? (b.finishReason ?? last?.finishReason ?? null) : (last?.finishReason ?? null);
  const truncated = last?.truncated || (lastMessage?.truncated ?? false);
  const usage = b.usage ?? (last && !last.ended ? addLive(b.stepUsage, last.assembly) : b.stepUsage);

  const meta: MessageMeta = {
    ...(b.model && { model: b.model }),
    usage,
    ...(b.firstTokenAt !== undefined && { ttftMs: b.firstTokenAt - b.startedAt }),
    ...(b.endedAt !== undefined && { totalMs: b.endedAt - b.startedAt }),
    finishReason: b.stopped ? (finishReason ?? null) : finishReason,
    truncated: Boolean(truncated) && !b.stopped,
    error: b.error ?? null,
    ...(b.droppedMessages ? { droppedMessages: b.droppedMessages } : {}),
  };
  return { parts, meta, status, step: last?.step ?? 0 };
}

/** While a step streams, its usage (if the gateway already sent one) joins the finished steps'. */
function addLive(done: Usage | null, a: Assembly): Usage | null {
  return a.usage ? addUsage(done, a.usage) : done;
}
