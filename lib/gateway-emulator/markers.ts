import type { WireMessage } from "@/lib/stream/wire";

/**
 * Per-request controls written into the prompt, e.g. `[fault:503*2]`, `[pace:chunk=40]`,
 * `[long:2000]`, `[replay:01-simple.sse]`. They are read from the LAST user message only, so a
 * retried conversation whose history holds an old marker is not affected, and they are removed
 * from the prompt text the demo answer echoes.
 */
export type Pace = { firstMs?: number; chunkMs?: number; size?: number };

export type Markers = {
  fault?: string;
  pace: Pace;
  /** `[pace@MODEL:…]`: pacing for one model only (a comparison's columns), over `pace`. */
  paceByModel: Record<string, Pace>;
  long?: number;
  replay?: string;
  /** `[call:name {"a":1}]`: call the offered tool `name` with these arguments (JSON without `]`). */
  calls: { name: string; arguments: string }[];
};

const MARKER = /\[(fault|pace(?:@[^:\]\s]+)?|long|replay):([^\]\s]+)\]/g;

/** The pacing for one model: its own `[pace@model:…]` over the general `[pace:…]`. */
export function paceFor(markers: Markers, model: string): Pace {
  return { ...markers.pace, ...markers.paceByModel[model] };
}
const CALL = /\[call:([A-Za-z0-9_-]{1,64})(?:\s+(\{[^\]]*\}))?\]/g;

/** Text of one message's content (text parts joined), images ignored. */
export function messageText(message: WireMessage | undefined): string {
  if (!message) return "";
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((p) => p.type === "text")
    .map((p) => (p as { text: string }).text)
    .join("\n");
}

export function lastUserMessage(messages: WireMessage[]): WireMessage | undefined {
  return messages.findLast((m) => m.role === "user");
}

export function parseMarkers(text: string): Markers {
  const markers: Markers = { pace: {}, paceByModel: {}, calls: [] };
  for (const [, name, args] of text.matchAll(CALL)) {
    if (!name) continue;
    let json = "{}";
    try {
      if (args) json = JSON.stringify(JSON.parse(args));
    } catch {
      json = args ?? "{}"; // sent as written: a way to test how a tool treats broken arguments
    }
    markers.calls.push({ name, arguments: json });
  }
  for (const [, name, value] of text.matchAll(MARKER)) {
    if (!value) continue;
    if (name === "fault") markers.fault = value;
    else if (name === "replay") markers.replay = value;
    else if (name === "long") {
      const n = Number.parseInt(value, 10);
      if (Number.isFinite(n) && n > 0) markers.long = Math.min(n, 200_000);
    } else if (name?.startsWith("pace")) {
      const model = name.slice("pace@".length);
      if (name !== "pace") markers.paceByModel[model] ??= {};
      const pace = name === "pace" ? markers.pace : (markers.paceByModel[model] as Pace);
      for (const pair of value.split(",")) {
        const [key, raw] = pair.split("=");
        const n = Number(raw);
        if (!Number.isFinite(n) || n < 0) continue;
        if (key === "first") pace.firstMs = n;
        else if (key === "chunk") pace.chunkMs = n;
        else if (key === "size" && n >= 1) pace.size = Math.floor(n);
      }
    }
  }
  return markers;
}

/** The prompt as a person wrote it: markers removed, whitespace tidied. */
export function stripMarkers(text: string): string {
  return text
    .replace(MARKER, "")
    .replace(CALL, "")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}
