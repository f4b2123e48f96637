/**
 * Assembles a chat-completions stream into one message. Pure: no I/O, no clock, no globals, so
 * the relay (to run tools and log usage), the browser (through message-builder.ts) and the
 * `gateway:assemble` CLI all read a stream through this one module.
 *
 * Written for streams as real OpenAI-compatible gateways send them, which is messier than the
 * model pages: thinking under `reasoning_content` or `reasoning` (with a duplicate in
 * `reasoning_details`), `role` repeated in every chunk, empty strings and nulls in deltas, tool
 * calls whose indices do not start at 0, `finish_reason` repeated or missing, usage on a later
 * chunk with `choices: []`, and errors sent inside a 200 stream.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChunkDelta,
  FinishReason,
  GatewayErrorBody,
  ReasoningDetail,
  ToolCallDelta,
  Usage,
  WireMessage,
} from "./wire";

export type ReasoningField = "reasoning_content" | "reasoning" | "reasoning_details";
export type StreamError = GatewayErrorBody["error"];

export type AssembledToolCall = {
  index: number;
  id: string;
  type: "function";
  name: string;
  arguments: string;
};

export type AssembledMessage = {
  id: string | null;
  model: string | null;
  /** null when the model wrote no answer text at all (e.g. it only called tools). */
  content: string | null;
  reasoning: string | null;
  /** Which field the reasoning came from; `reasoning_details` only when it was the sole source. */
  reasoningField: ReasoningField | null;
  /** Merged by index, signatures kept: sent back with the assistant message in a tool loop. */
  reasoningDetails: ReasoningDetail[];
  refusal: string | null;
  /** Ordered by index. */
  toolCalls: AssembledToolCall[];
  finishReason: FinishReason | null;
  /** The stream ended without saying why (no finish_reason and no tool calls): it was cut. */
  truncated: boolean;
  /** The last usage the stream reported. Gateways repeat it; it is never summed. */
  usage: Usage | null;
  error: StreamError | null;
  sawDone: boolean;
  /** Data events that were not `[DONE]`. */
  chunkCount: number;
  malformedChunks: number;
};

export type MutableCall = {
  index: number;
  order: number;
  id: string;
  type: string;
  name: string;
  args: string[];
};

export type Assembly = {
  id: string | null;
  model: string | null;
  content: string[];
  /** One buffer per reasoning field: a gateway may send the same text under two names. */
  reasoningByField: Record<ReasoningField, string[]>;
  details: Map<number, ReasoningDetail>;
  refusal: string[];
  calls: Map<number, MutableCall>;
  /** Index of the call the last fragment without an index belonged to. */
  lastCallIndex: number | null;
  finishReason: FinishReason | null;
  usage: Usage | null;
  error: StreamError | null;
  sawDone: boolean;
  chunkCount: number;
  malformedChunks: number;
  /** Bumped on every change, so a reader can tell cheaply whether anything moved. */
  version: number;
};

export function createAssembly(): Assembly {
  return {
    id: null,
    model: null,
    content: [],
    reasoningByField: { reasoning_content: [], reasoning: [], reasoning_details: [] },
    details: new Map(),
    refusal: [],
    calls: new Map(),
    lastCallIndex: null,
    finishReason: null,
    usage: null,
    error: null,
    sawDone: false,
    chunkCount: 0,
    malformedChunks: 0,
    version: 0,
  };
}

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads an error out of whatever shape a gateway put it in; null when there is none. */
export function readError(body: unknown): StreamError | null {
  if (!isObject(body)) return null;
  const e = body.error;
  if (e === undefined || e === null || e === false) return null;
  if (typeof e === "string") return { message: e };
  if (isObject(e)) {
    const message = typeof e.message === "string" && e.message ? e.message : "The gateway reported an error.";
    return {
      message,
      type: typeof e.type === "string" ? e.type : undefined,
      code: typeof e.code === "string" || typeof e.code === "number" ? e.code : null,
    };
  }
  return { message: "The gateway reported an error." };
}

/**
 * Applies one server-sent event. `event` is the SSE event name (absent for plain data);
 * `data` its data. `[DONE]`, `event: error` and `{"error": …}` bodies are all understood.
 */
export function applyEvent(a: Assembly, ev: { event?: string | null; data: string }): void {
  const data = ev.data;
  if (data.trim() === "[DONE]") {
    a.sawDone = true;
    a.version++;
    return;
  }
  a.chunkCount++;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    if (ev.event === "error") {
      a.error ??= { message: data.trim() || "The gateway reported an error." };
    } else {
      a.malformedChunks++;
    }
    a.version++;
    return;
  }
  if (ev.event === "error") {
    a.error ??= readError(parsed) ??
      readError({ error: parsed }) ?? { message: "The gateway reported an error." };
    a.version++;
    return;
  }
  applyCompletionOrChunk(a, parsed);
}

/** A `chat.completion` body carries `message`; a chunk carries `delta`. */
function isCompletion(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (v.object === "chat.completion") return true;
  const first = Array.isArray(v.choices) ? v.choices[0] : null;
  return isObject(first) && isObject(first.message) && !("delta" in first);
}

/** Applies one parsed `chat.completion.chunk`. Tolerates anything JSON can hold. */
export function applyChunk(a: Assembly, chunk: ChatCompletionChunk): void {
  a.version++;
  if (!isObject(chunk)) {
    a.malformedChunks++;
    return;
  }
  const error = readError(chunk);
  if (error) a.error ??= error;
  if (nonEmpty(chunk.id)) a.id ??= chunk.id;
  if (nonEmpty(chunk.model)) a.model ??= chunk.model;
  if (isObject(chunk.usage)) a.usage = chunk.usage;

  const choice = pickFirstChoice<ChatCompletionChunk["choices"][number]>(chunk.choices);
  if (!choice) return;
  if (isObject(choice.delta)) applyDelta(a, choice.delta);
  if (nonEmpty(choice.finish_reason)) a.finishReason ??= choice.finish_reason;
}

/** Applies a non-streaming `chat.completion` body (a gateway may ignore `stream: true`). */
export function applyCompletion(a: Assembly, body: ChatCompletion): void {
  a.version++;
  if (!isObject(body)) {
    a.malformedChunks++;
    return;
  }
  const error = readError(body);
  if (error) a.error ??= error;
  if (nonEmpty(body.id)) a.id ??= body.id;
  if (nonEmpty(body.model)) a.model ??= body.model;
  if (isObject(body.usage)) a.usage = body.usage;
  const choice = pickFirstChoice<ChatCompletion["choices"][number]>(body.choices);
  if (!choice) return;
  const message = (choice as { message?: unknown }).message;
  if (isObject(message)) {
    const m = message as ChatCompletion["choices"][number]["message"];
    applyDelta(a, {
      content: m.content,
      reasoning_content: m.reasoning_content,
      reasoning: m.reasoning,
      reasoning_details: m.reasoning_details,
      refusal: m.refusal,
      tool_calls: Array.isArray(m.tool_calls)
        ? m.tool_calls.map((t, index) => ({ index: (t as ToolCallDelta).index ?? index, ...t }))
        : null,
    });
  }
  if (nonEmpty(choice.finish_reason)) a.finishReason ??= choice.finish_reason;
}

/** Choice 0 only; other choices (n > 1) are ignored rather than mixed into the answer. */
function pickFirstChoice<T extends { index?: number }>(choices: unknown): T | null {
  if (!Array.isArray(choices) || choices.length === 0) return null;
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i];
    if (!isObject(c)) continue;
    const index = typeof c.index === "number" ? c.index : i;
    if (index === 0) return c as T;
  }
  return null;
}

function applyDelta(a: Assembly, delta: ChunkDelta): void {
  if (nonEmpty(delta.content)) a.content.push(delta.content);
  if (nonEmpty(delta.reasoning_content)) a.reasoningByField.reasoning_content.push(delta.reasoning_content);
  if (nonEmpty(delta.reasoning)) a.reasoningByField.reasoning.push(delta.reasoning);
  if (nonEmpty(delta.refusal)) a.refusal.push(delta.refusal);
  if (Array.isArray(delta.reasoning_details)) {
    delta.reasoning_details.forEach((d, i) => {
      applyReasoningDetail(a, d, i);
    });
  }
  if (Array.isArray(delta.tool_calls)) {
    for (const t of delta.tool_calls) if (isObject(t)) applyToolCallDelta(a, t);
  }
}

function applyReasoningDetail(a: Assembly, d: ReasoningDetail, position: number): void {
  if (!isObject(d)) return;
  const index = typeof d.index === "number" ? d.index : position;
  const text = nonEmpty(d.text) ? d.text : nonEmpty(d.summary) ? d.summary : "";
  if (text) a.reasoningByField.reasoning_details.push(text);
  const existing = a.details.get(index);
  if (!existing) {
    a.details.set(index, { ...d, index });
    return;
  }
  // Text-like fields are streamed in pieces; identity fields arrive once and are never blanked.
  if (nonEmpty(d.text)) existing.text = (existing.text ?? "") + d.text;
  if (nonEmpty(d.summary)) existing.summary = (existing.summary ?? "") + d.summary;
  if (nonEmpty(d.data)) existing.data = (existing.data ?? "") + d.data;
  if (nonEmpty(d.signature)) existing.signature = d.signature;
  if (nonEmpty(d.type) && !nonEmpty(existing.type)) existing.type = d.type;
  if (nonEmpty(d.format) && !nonEmpty(existing.format)) existing.format = d.format;
  if (nonEmpty(d.id) && !nonEmpty(existing.id)) existing.id = d.id;
}

function applyToolCallDelta(a: Assembly, t: ToolCallDelta): void {
  const index = resolveCallIndex(a, t);
  let call = a.calls.get(index);
  if (!call) {
    call = { index, order: a.calls.size, id: "", type: "", name: "", args: [] };
    a.calls.set(index, call);
  }
  a.lastCallIndex = index;
  if (nonEmpty(t.id) && !call.id) call.id = t.id;
  if (nonEmpty(t.type) && !call.type) call.type = t.type;
  const fn = isObject(t.function) ? t.function : null;
  if (fn) {
    if (nonEmpty(fn.name) && !call.name) call.name = fn.name;
    if (nonEmpty(fn.arguments)) call.args.push(fn.arguments);
    // Some providers send already-parsed arguments; keep them as the JSON text the wire expects.
    else if (isObject(fn.arguments)) call.args.push(JSON.stringify(fn.arguments));
  }
}

/**
 * `index` is required by the spec but not every gateway sends it: then a fragment with a known id
 * continues that call, a fragment with a new id starts one, and a bare fragment continues the last.
 */
function resolveCallIndex(a: Assembly, t: ToolCallDelta): number {
  if (typeof t.index === "number" && Number.isFinite(t.index)) return t.index;
  if (nonEmpty(t.id)) {
    for (const call of a.calls.values()) if (call.id === t.id) return call.index;
    let max = -1;
    for (const k of a.calls.keys()) max = Math.max(max, k);
    return max + 1;
  }
  if (a.lastCallIndex !== null) return a.lastCallIndex;
  return 0;
}

function joined(parts: string[]): string | null {
  if (parts.length === 0) return null;
  const s = parts.length === 1 ? parts[0]! : parts.join("");
  if (parts.length > 1) {
    // Collapse to one string so repeated snapshots do not join the same pieces again.
    parts.length = 0;
    parts.push(s);
  }
  return s || null;
}

function pickReasoning(a: Assembly): { text: string | null; field: ReasoningField | null } {
  // `reasoning_details` duplicates the text of the other two: it is used only when it is alone.
  for (const field of ["reasoning_content", "reasoning", "reasoning_details"] as const) {
    const text = joined(a.reasoningByField[field]);
    if (text) return { text, field };
  }
  return { text: null, field: null };
}

/** The message so far. Cheap enough to call once per frame while streaming. */
export function snapshot(a: Assembly): AssembledMessage {
  const reasoning = pickReasoning(a);
  const toolCalls = [...a.calls.values()]
    .sort((x, y) => x.index - y.index || x.order - y.order)
    .map((c) => ({
      index: c.index,
      id: c.id || `call_${c.index}`,
      type: "function" as const,
      name: c.name,
      arguments: joined(c.args) ?? "",
    }));
  return {
    id: a.id,
    model: a.model,
    content: joined(a.content),
    reasoning: reasoning.text,
    reasoningField: reasoning.field,
    reasoningDetails: [...a.details.values()]
      .sort((x, y) => (x.index ?? 0) - (y.index ?? 0))
      .map((d) => ({ ...d })),
    refusal: joined(a.refusal),
    toolCalls,
    finishReason: a.finishReason,
    truncated: false,
    usage: a.usage,
    error: a.error,
    sawDone: a.sawDone,
    chunkCount: a.chunkCount,
    malformedChunks: a.malformedChunks,
  };
}

/**
 * The message once the stream has ended. A missing finish_reason is inferred: `tool_calls` when
 * the model made calls, otherwise the answer is marked truncated (the stream was cut).
 */
export function finish(a: Assembly): AssembledMessage {
  const m = snapshot(a);
  if (!m.finishReason) {
    if (m.toolCalls.length > 0 && !m.error) m.finishReason = "tool_calls";
    else m.truncated = true;
  }
  return m;
}

/** Assembles a whole recorded body: raw SSE (any line ending) or a JSON completion. */
export function assembleText(body: string): AssembledMessage {
  const a = createAssembly();
  const trimmed = body.replace(/^\uFEFF/, "").trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      applyCompletionOrChunk(a, parsed);
      return finish(a);
    } catch {
      // Not one JSON document: fall through and read it as SSE.
    }
  }
  for (const ev of parseSseText(body)) applyEvent(a, ev);
  return finish(a);
}

function applyCompletionOrChunk(a: Assembly, parsed: unknown): void {
  if (Array.isArray(parsed)) {
    for (const item of parsed) applyCompletionOrChunk(a, item);
    return;
  }
  if (isCompletion(parsed)) applyCompletion(a, parsed as ChatCompletion);
  else applyChunk(a, parsed as ChatCompletionChunk);
}

/**
 * A minimal, complete SSE reader for a body already in memory (the CLI and tests). Live streams
 * go through eventsource-parser; this follows the same rules: CR, LF and CRLF line endings,
 * comment lines ignored, multi-line data joined with "\n", an event dispatched at a blank line.
 */
export function parseSseText(body: string): { event?: string; data: string; id?: string }[] {
  const out: { event?: string; data: string; id?: string }[] = [];
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;
  const dispatch = () => {
    if (data.length > 0) out.push({ event, data: data.join("\n"), id });
    data = [];
    event = undefined;
  };
  for (const line of body.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    if (line === "") {
      dispatch();
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id") id = value;
  }
  dispatch();
  return out;
}

/**
 * The assistant message to send back on the next turn of a tool loop: its text, its calls, and
 * its reasoning with the provider's signatures (Anthropic refuses thinking it cannot verify).
 */
export function toAssistantMessage(m: AssembledMessage): Extract<WireMessage, { role: "assistant" }> {
  const msg: Extract<WireMessage, { role: "assistant" }> = { role: "assistant", content: m.content };
  if (m.toolCalls.length > 0) {
    msg.tool_calls = m.toolCalls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments || "{}" },
    }));
  }
  if (m.reasoning) msg.reasoning = m.reasoning;
  if (m.reasoningDetails.length > 0) msg.reasoning_details = m.reasoningDetails;
  return msg;
}
