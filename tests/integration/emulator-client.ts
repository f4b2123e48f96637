import { createParser } from "eventsource-parser";
import type { EmulatorHandle } from "@/lib/gateway-emulator";
import type { ChatCompletionChunk } from "@/lib/stream/wire";

/** Shared by the emulator tests: raw HTTP calls, an SSE reader and a delta assembler. */
export const SONNET_46 = "anthropic/claude-sonnet-4.6";
export const SONNET_4 = "anthropic/claude-sonnet-4";

export const fn = (name: string, properties: Record<string, unknown>) => ({
  type: "function",
  function: {
    name,
    description: `${name} tool`,
    parameters: { type: "object", properties, required: Object.keys(properties).slice(0, 1) },
  },
});
export const TOOLS = [
  fn("get_weather", { city: { type: "string" }, units: { type: "string" } }),
  fn("calculator", { expression: { type: "string" } }),
  fn("get_current_time", { timezone: { type: "string" } }),
];

export type Frame = { event?: string; data: string };

export const ask = (prompt: string, extra: Record<string, unknown> = {}) => ({
  model: SONNET_46,
  messages: [{ role: "user", content: prompt }],
  stream: true,
  stream_options: { include_usage: true },
  ...extra,
});

/** Reads a whole event stream; a socket cut shows up as `cut: true` instead of a throw. */
export async function readStream(res: Response): Promise<{ frames: Frame[]; raw: string; cut: boolean }> {
  const frames: Frame[] = [];
  const parser = createParser({ onEvent: (e) => frames.push({ event: e.event, data: e.data }) });
  const decoder = new TextDecoder();
  let raw = "";
  let cut = false;
  try {
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const text = decoder.decode(r.value, { stream: true });
      raw += text;
      parser.feed(text);
    }
  } catch {
    cut = true;
  }
  return { frames, raw, cut };
}

/** Joins deltas the way a client does; remembers the order in which kinds of delta appeared. */
export function assemble(frames: Frame[]) {
  let content = "";
  let reasoning = "";
  let finish: string | null = null;
  let usage: ChatCompletionChunk["usage"] = null;
  const order: string[] = [];
  const calls: { id?: string; name?: string; args: string }[] = [];
  const note = (kind: string) => order.at(-1) !== kind && order.push(kind);
  for (const f of frames) {
    if (f.data === "[DONE]") continue;
    const chunk = JSON.parse(f.data) as ChatCompletionChunk;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    const d = choice.delta;
    if (d.role) note("role");
    if (d.reasoning_content) {
      reasoning += d.reasoning_content;
      note("reasoning");
    }
    if (d.content) {
      content += d.content;
      note("content");
    }
    for (const t of d.tool_calls ?? []) {
      note("tool");
      calls[t.index!] ??= { args: "" };
      const call = calls[t.index!]!;
      if (t.id) call.id = t.id;
      if (t.function?.name) call.name = t.function.name;
      call.args += t.function?.arguments ?? "";
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  return { content, reasoning, finish, usage, order, calls };
}

/** `post` and `stream` against whichever emulator the test file started. */
export function clientFor(emu: () => EmulatorHandle) {
  function post(body: Record<string, unknown>, headers: Record<string, string> = {}, signal?: AbortSignal) {
    return fetch(`${emu().url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer test", "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal,
    });
  }
  const stream = async (body: Record<string, unknown>, headers?: Record<string, string>) =>
    readStream(await post(body, headers));
  return { post, stream };
}
