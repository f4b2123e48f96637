import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatCompletionRequest } from "@/lib/stream/wire";
import { type ChunkMeta, toFrames } from "./chunks";
import { completionBody } from "./completion";
import { continuePlan, prefillOf, withoutPrefill } from "./continuation";
import { type Fault, IN_STREAM_ERROR, parseFault, STATUS_ERRORS } from "./faults";
import { sha256 } from "./hash";
import { readBody, sendError, sendJson, sleep, untilAborted } from "./http";
import { lastUserMessage, messageText, paceFor, parseMarkers } from "./markers";
import { planAnswer, reasons } from "./plan";
import { safeReplayPath, sendReplay } from "./replay";
import { type EmulatorState, headerRecord } from "./state";
import { type StreamOutcome, sendStream } from "./stream";
import { isTitleRequest } from "./title";
import { applyMaxTokens, usageFor } from "./usage";
import { validateRequest } from "./validate";

type Ctx = {
  state: EmulatorState;
  signal: AbortSignal;
  cut: () => Promise<void>;
  /** Resets the connection (TCP RST) without a byte of response (the `reset` fault). */
  reset: () => void;
};
const invalid = (message: string, code: string) => ({ message, type: "invalid_request_error", code });

/**
 * Seeds everything the answer says. Only the model and the conversation count, not sampling
 * settings or `stream`, so a streamed and a non-streamed call of one conversation agree.
 */
function requestHash(r: ChatCompletionRequest): string {
  return sha256(JSON.stringify([r.model, r.messages]));
}

/** POST /v1/chat/completions: log, authenticate, replay or validate, inject faults, answer. */
export async function handleChat(req: IncomingMessage, res: ServerResponse, ctx: Ctx): Promise<string> {
  const { state, signal } = ctx;
  const { opts } = state;
  const raw = await readBody(req);
  state.stats.requests++;
  let body: unknown;
  let parsed = false;
  if (raw !== "too_large") {
    try {
      body = JSON.parse(raw.toString("utf8"));
      parsed = true;
    } catch {
      body = raw.toString("utf8");
    }
  }
  const headers = headerRecord(req.headers);
  state.requests.push({ body, headers });
  state.events.emit("request", body, headers);

  if (opts.requireAuth && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? "")) {
    const error = {
      message: "Missing or invalid Authorization: Bearer header.",
      type: "authentication_error",
      code: "invalid_api_key",
    };
    sendError(res, 401, error);
    return "401 no key";
  }
  if (raw === "too_large") {
    sendError(res, 413, invalid("Request body too large.", "request_too_large"));
    return "413 too large";
  }
  if (opts.replay?.length) {
    const file = opts.replay[Math.min(state.replayed++, opts.replay.length - 1)]!;
    await sleep(opts.firstByteDelayMs, signal);
    return `replay ${file}: ${await replay(res, file, opts.replayChunkDelayMs, ctx)}`;
  }
  if (!parsed) {
    sendError(res, 400, invalid("We could not parse the JSON body of your request.", "invalid_json"));
    return "400 invalid json";
  }
  const checked = validateRequest(body);
  if (!checked.ok) {
    sendError(res, checked.status, checked.error);
    return `${checked.status} ${checked.error.code}`;
  }
  const request = checked.request;
  const lastText = messageText(lastUserMessage(request.messages));
  // A title request quotes the user's words: their markers were meant for the chat turn.
  const parsedMarkers = parseMarkers(isTitleRequest(request) ? "" : lastText);
  const markers = { ...parsedMarkers, pace: paceFor(parsedMarkers, request.model) };

  let fault: Fault | undefined;
  const header = req.headers["x-emulator-fault"];
  const spec = (Array.isArray(header) ? header[0] : header) ?? markers.fault;
  if (spec) {
    const f = parseFault(spec);
    if ("error" in f) {
      sendError(res, 400, invalid(f.error, "invalid_fault"));
      return `400 ${f.error}`;
    }
    if (state.faults.shouldFire(spec, lastText, f.times)) fault = f.fault;
  }
  const firstMs =
    (markers.pace.firstMs ?? opts.firstByteDelayMs) + (fault?.kind === "slow-first-byte" ? fault.delayMs : 0);

  if (markers.replay) {
    const file = opts.replayDir ? safeReplayPath(opts.replayDir, markers.replay) : null;
    if (!file) {
      const why = opts.replayDir
        ? "must be a file name inside the replay folder"
        : "needs a replay folder (replayDir)";
      sendError(res, 400, invalid(`[replay:${markers.replay}] ${why}.`, "invalid_replay"));
      return "400 bad replay";
    }
    await sleep(firstMs, signal);
    return `replay ${markers.replay}: ${await replay(res, file, markers.pace.chunkMs ?? opts.replayChunkDelayMs, ctx)}`;
  }

  await sleep(firstMs, signal);
  if (signal.aborted) return "aborted before first byte";
  if (fault?.kind === "reset") {
    ctx.reset();
    return `reset (fault ${spec})`;
  }
  if (fault?.kind === "status") {
    const retry: Record<string, string> =
      fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
    sendError(res, fault.status, STATUS_ERRORS[fault.status], retry);
    return `${fault.status} (fault ${spec})`;
  }

  const prefill = prefillOf(request);
  const hash = requestHash(prefill === null ? request : withoutPrefill(request));
  const planned =
    prefill === null
      ? planAnswer(request, markers, hash)
      : continuePlan(planAnswer(withoutPrefill(request), markers, hash), prefill);
  const plan = applyMaxTokens(planned, request.max_tokens);
  const meta: ChunkMeta = {
    id: `chatcmpl-${hash.slice(0, 24)}`,
    created: state.created,
    model: request.model,
  };
  const usage = usageFor(request, plan);
  const streamFault = fault?.kind === "stream" ? fault.name : undefined;
  if (!request.stream) {
    const json = completionBody(plan, meta, usage, reasons(request.model));
    return `200 json: ${await sendCompletion(res, json, streamFault, ctx)}`;
  }
  const frames = toFrames(
    plan,
    meta,
    markers.pace.size ?? opts.chunkSize,
    request.stream_options?.include_usage ? usage : null,
  );
  const outcome = await sendStream(res, frames, {
    chunkMs: markers.pace.chunkMs ?? opts.chunkDelayMs,
    signal,
    stamp: opts.stamp,
    fault: streamFault,
    onChunk: () => state.stats.chunksSent++,
    cut: ctx.cut,
  });
  return `200 stream ${frames.length} chunks${spec ? ` (fault ${spec})` : ""}: ${outcome}`;
}

function replay(res: ServerResponse, file: string, chunkMs: number, ctx: Ctx): Promise<StreamOutcome> {
  return sendReplay(res, file, { chunkMs, signal: ctx.signal, onChunk: () => ctx.state.stats.chunksSent++ });
}

/** Non-streaming answer; stream faults map to their nearest non-streaming equivalent. */
async function sendCompletion(
  res: ServerResponse,
  body: object,
  fault: string | undefined,
  ctx: Ctx,
): Promise<string> {
  const text = JSON.stringify(body);
  if (fault === "stream-error" || fault === "event-error") {
    sendJson(res, 200, { error: IN_STREAM_ERROR });
    return "error body";
  }
  if (fault === "cut" || fault === "malformed" || fault === "stall") {
    res.writeHead(200, { "content-type": "application/json" });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    if (fault === "cut") await ctx.cut();
    else if (fault === "malformed") res.end();
    else await untilAborted(ctx.signal);
    return fault;
  }
  sendJson(res, 200, body);
  return "completed";
}
