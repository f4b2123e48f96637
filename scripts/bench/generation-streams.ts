/**
 * The client side of the generations benchmark: one stream read four ways (straight from the
 * emulator; a saved turn's POST /api/chat; begun on one instance and read from another; dropped
 * and resumed by id), each tallied the same way: per-event delay from the emulator's `x_sent_at`
 * stamp, event ids checked for gaps, and every way a stream can fail counted.
 */
import { randomUUID } from "node:crypto";
import { createParser } from "eventsource-parser";

export const nowMs = () => performance.timeOrigin + performance.now();
const STAMP = /"x_sent_at":([\d.]+)/;
const MODEL = "anthropic/claude-sonnet-4";
/** No stream in this benchmark may take longer: a hung stream is an error, not a hung run. */
const STREAM_TIMEOUT_MS = 180_000;
/** The browser's first reconnect waits 250 ms (lib/client/turn-controller.ts), so events are missed. */
export const RECONNECT_GAP_MS = 250;

type Ev = { id: number | null; event: string | null; data: string; at: number };

/**
 * POSTs (with `body`) or GETs `url` and hands each SSE event to `onEvent` as it arrives; "stop"
 * closes the connection. Never throws: the status (0 when no response came) and a broken body
 * are returned.
 */
async function readSse(
  url: string,
  body: unknown,
  onEvent: (ev: Ev) => "stop" | undefined,
): Promise<{ status: number; broken: boolean }> {
  const stop = new AbortController();
  const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(STREAM_TIMEOUT_MS)]);
  let res: Response;
  try {
    res = await fetch(
      url,
      body === undefined
        ? { signal }
        : {
            method: "POST",
            headers: { "content-type": "application/json", authorization: "Bearer bench" },
            body: JSON.stringify(body),
            signal,
          },
    );
  } catch {
    return { status: 0, broken: true };
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, broken: false };
  }
  let stopped = false;
  const parser = createParser({
    onEvent: (e) => {
      if (stopped) return;
      const ev = { id: e.id ? Number(e.id) : null, event: e.event ?? null, data: e.data, at: nowMs() };
      if (onEvent(ev) === "stop") stopped = true;
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const bytes of res.body) {
      parser.feed(decoder.decode(bytes as Uint8Array, { stream: true }));
      if (stopped) break;
    }
    return { status: res.status, broken: false };
  } catch {
    return { status: res.status, broken: !stopped };
  } finally {
    stop.abort();
  }
}

export type StreamResult = {
  /** No 2xx answer (or no answer at all). */
  http: boolean;
  parleyError: boolean;
  /** The `code` of each `parley.error` received. */
  errorCodes: string[];
  /** The stream ended (or broke, or timed out) without `parley.done` (`[DONE]` when direct). */
  noDone: boolean;
  /** Of those, the connection broke or timed out (rather than closing without the end). */
  broken: boolean;
  /** An event id that was not the previous one + 1. */
  idGap: boolean;
  /** Stamped gateway chunks received. */
  events: number;
  /** Arrival − x_sent_at, ms, for chunks sent at or after `delaysFrom`. */
  delays: number[];
  /** POST → `parley.saved`, ms. */
  savedMs: number | null;
  generationId: string | null;
};

export const failed = (r: StreamResult) => r.http || r.parleyError || r.noDone || r.idGap;

/** One stream's frames: ids, end, errors and per-event delays. */
class Tally {
  events = 0;
  delays: number[] = [];
  http = false;
  parleyError = false;
  errorCodes: string[] = [];
  done = false;
  broken = false;
  idGap = false;
  savedAt: number | null = null;
  generationId: string | null = null;
  /** Chunks sent before this (a replayed backlog) are counted but their delay is not. */
  delaysFrom = 0;

  constructor(
    readonly startedAt: number,
    public lastId = 0,
  ) {}

  take(ev: Ev): void {
    if (ev.id !== null) {
      if (ev.id !== this.lastId + 1) this.idGap = true;
      this.lastId = ev.id;
    }
    if (ev.event === null) {
      if (ev.data === "[DONE]") this.done = true;
      const m = STAMP.exec(ev.data);
      if (!m) return;
      this.events++;
      const sent = Number(m[1]);
      if (sent >= this.delaysFrom) this.delays.push(ev.at - sent);
    } else if (ev.event === "parley.saved") {
      this.savedAt = ev.at;
      this.generationId = (JSON.parse(ev.data) as { generationId: string }).generationId;
    } else if (ev.event === "parley.done") this.done = true;
    else if (ev.event === "parley.error") {
      this.parleyError = true;
      this.errorCodes.push((JSON.parse(ev.data) as { code?: string }).code ?? "?");
    }
  }

  read(r: { status: number; broken: boolean }): void {
    if (r.status < 200 || r.status > 299) this.http = true;
    if (r.broken) this.broken = true;
  }

  result(): StreamResult {
    return {
      http: this.http,
      parleyError: this.parleyError,
      errorCodes: this.errorCodes,
      noDone: !this.http && !this.done,
      broken: !this.http && !this.done && this.broken,
      idGap: this.idGap,
      events: this.events,
      delays: this.delays,
      savedMs: this.savedAt === null ? null : this.savedAt - this.startedAt,
      generationId: this.generationId,
    };
  }
}

const turn = (content: string) => ({ model: MODEL, message: { id: randomUUID(), content } });

/** The same answer straight from the emulator: the floor every other path is compared with. */
export async function directStream(emulatorUrl: string, prompt: string): Promise<StreamResult> {
  const t = new Tally(nowMs());
  const body = {
    model: MODEL,
    messages: [{ role: "user", content: prompt }],
    stream: true,
    stream_options: { include_usage: true },
  };
  t.read(await readSse(`${emulatorUrl}/chat/completions`, body, (ev) => void t.take(ev)));
  return t.result();
}

/** A saved turn: POST /api/chat on `base`, its stream read from event 1 to the end. */
export async function postStream(base: string, prompt: string): Promise<StreamResult> {
  const t = new Tally(nowMs());
  t.read(await readSse(`${base}/api/chat`, turn(prompt), (ev) => void t.take(ev)));
  return t.result();
}

/**
 * Begun on A, read on B: the POST on A is read up to `parley.saved` and closed, then B follows the
 * generation (written by A, through Redis) from that id. Delays count the chunks the emulator sent
 * after the GET was issued; earlier ones are a replayed backlog, which the reconnect test measures.
 */
export async function crossStream(a: string, b: string, prompt: string): Promise<StreamResult> {
  const t = new Tally(nowMs());
  t.read(
    await readSse(`${a}/api/chat`, turn(prompt), (ev) => {
      t.take(ev);
      return ev.event === "parley.saved" ? "stop" : undefined;
    }),
  );
  if (t.http || !t.generationId) return { ...t.result(), http: true };
  t.delaysFrom = nowMs();
  const url = `${b}/api/generations/${t.generationId}/stream?lastEventId=${t.lastId}`;
  t.read(await readSse(url, undefined, (ev) => void t.take(ev)));
  return t.result();
}

export type ReconnectResult = {
  /** Issuing the GET → its first event, ms; null when none came. */
  latencyMs: number | null;
  /** The first event was a chunk the emulator had sent before the GET: a missed event, replayed. */
  replayed: boolean;
  /** A GET /api/health sent to the same instance at the same moment: its responsiveness, the floor. */
  healthMs: number | null;
  /** What went wrong, or null. */
  error: string | null;
};

/**
 * A reader on `start` drops after `dropAfter` chunks; RECONNECT_GAP_MS later it comes back on
 * `resume` with `?lastEventId=<last id seen>`. Measures the time to the first event, which must
 * be the one after that id, then reads to the end to check nothing is missing.
 */
export async function reconnectStream(
  start: string,
  resume: string,
  prompt: string,
  dropAfter: number,
): Promise<ReconnectResult> {
  const first = new Tally(nowMs());
  let chunks = 0;
  const r = await readSse(`${start}/api/chat`, turn(prompt), (ev) => {
    first.take(ev);
    return ev.event === null && ++chunks >= dropAfter ? "stop" : undefined;
  });
  if (r.status !== 200 || !first.generationId)
    return { latencyMs: null, replayed: false, healthMs: null, error: "http (POST)" };
  if (first.parleyError)
    return {
      latencyMs: null,
      replayed: false,
      healthMs: null,
      error: `parley.error ${first.errorCodes.join(",")}`,
    };
  if (chunks < dropAfter || first.done)
    return { latencyMs: null, replayed: false, healthMs: null, error: "ended before the drop" };
  await new Promise((res) => setTimeout(res, RECONNECT_GAP_MS));
  const from = first.lastId;
  const t0 = nowMs();
  const rest = new Tally(t0, from);
  const seen = { latencyMs: null as number | null, firstId: null as number | null, replayed: false };
  const url = `${resume}/api/generations/${first.generationId}/stream?lastEventId=${from}`;
  const health = fetch(`${resume}/api/health`, { signal: AbortSignal.timeout(STREAM_TIMEOUT_MS) })
    .then((r) => r.text())
    .then(
      () => nowMs() - t0,
      () => null,
    );
  rest.read(
    await readSse(url, undefined, (ev) => {
      if (seen.latencyMs === null) {
        seen.latencyMs = ev.at - t0;
        seen.firstId = ev.id;
        const m = STAMP.exec(ev.data);
        seen.replayed = ev.event === null && m !== null && Number(m[1]) < t0;
      }
      rest.take(ev);
      return undefined;
    }),
  );
  const res = rest.result();
  let error: string | null = null;
  if (res.http) error = "http (GET /stream)";
  else if (seen.firstId !== from + 1) error = `first event id ${seen.firstId} ≠ ${from + 1}`;
  else if (res.idGap) error = "id gap after the first event";
  else if (res.parleyError) error = `parley.error ${res.errorCodes.join(",")}`;
  else if (res.noDone) error = "no parley.done";
  return { latencyMs: seen.latencyMs, replayed: seen.replayed, healthMs: await health, error };
}
