import type { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MODELS } from "@/lib/stream/wire";
import { handleChat } from "./chat-handler";
import { sendError, sendJson } from "./http";
import { createState, type EmulatorState, type EmulatorStats, type LoggedRequest } from "./state";

/**
 * A real HTTP emulator of the AI Gateway (OpenAI-compatible chat completions) on plain node:http:
 * deterministic demo answers for both Sonnet models, tool calls, JSON mode, images, usage, fault
 * injection and byte-for-byte replay of recorded streams. Parley's tests, benchmarks and its
 * keyless demo mode all talk to it over real sockets. See docs/EMULATOR.md.
 */
export type { EmulatorOptions } from "./state";

import type { EmulatorOptions } from "./state";

export type EmulatorHandle = {
  /** Base URL including `/v1`, e.g. http://127.0.0.1:54321/v1 */
  url: string;
  port: number;
  close(): Promise<void>;
  stats: EmulatorStats;
  /** "request" (body, headers), "aborted" (client left mid-response), "completed" (response ended). */
  events: EventEmitter;
  /** Every chat-completions body received, in order, with its headers. */
  requests: LoggedRequest[];
};

function modelsList(state: EmulatorState) {
  return {
    object: "list",
    data: MODELS.map((id) => ({ id, object: "model", created: state.created, owned_by: "anthropic" })),
  };
}

/** Counts a chat response as completed when it ends, or aborted when the client leaves first. */
function track(
  res: ServerResponse,
  state: EmulatorState,
  controller: AbortController,
  cutByUs: () => boolean,
) {
  res.on("finish", () => {
    state.stats.completed++;
    state.events.emit("completed", { status: res.statusCode });
  });
  res.on("close", () => {
    if (!res.writableFinished && !cutByUs()) {
      state.stats.aborted++;
      state.events.emit("aborted", { status: res.statusCode });
    }
    controller.abort();
  });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  state: EmulatorState,
  active: Set<AbortController>,
) {
  const path = (req.url ?? "/").split("?")[0]!.replace(/\/+$/, "");
  const authed = !state.opts.requireAuth || /^Bearer\s+\S+/i.test(req.headers.authorization ?? "");
  if (req.method === "POST" && path === "/v1/chat/completions") {
    const controller = new AbortController();
    let cut = false;
    active.add(controller);
    track(res, state, controller, () => cut);
    const started = performance.now();
    const ctx = {
      state,
      signal: controller.signal,
      cut: async () => {
        cut = true;
        const socket = res.socket;
        // destroy() alone drops bytes still queued in Node: flush them and send FIN first, so the
        // client receives the partial answer, then sees the connection die mid-body.
        if (socket && !socket.destroyed) await new Promise<void>((resolve) => socket.end(resolve));
        socket?.destroy();
      },
      reset: () => {
        cut = true;
        res.socket?.resetAndDestroy();
      },
    };
    try {
      const outcome = await handleChat(req, res, ctx);
      state.opts.log(`POST ${path} → ${outcome} (${Math.round(performance.now() - started)} ms)`);
    } finally {
      active.delete(controller);
    }
    return;
  }
  if (req.method === "GET" && path.startsWith("/v1/models")) {
    if (!authed)
      return sendError(res, 401, {
        message: "Missing API key.",
        type: "authentication_error",
        code: "invalid_api_key",
      });
    const id = decodeURIComponent(path.slice("/v1/models/".length));
    if (path === "/v1/models") return sendJson(res, 200, modelsList(state));
    const model = modelsList(state).data.find((m) => m.id === id);
    if (model) return sendJson(res, 200, model);
    return sendError(res, 404, {
      message: `The model '${id}' does not exist.`,
      type: "invalid_request_error",
      code: "model_not_found",
    });
  }
  const message = `Unknown route ${req.method} ${path}. The emulator serves GET /v1/models and POST /v1/chat/completions.`;
  sendError(res, 404, { message, type: "invalid_request_error", code: "not_found" });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const state = createState(options);
  const active = new Set<AbortController>();
  const server = createServer((req, res) => {
    route(req, res, state, active).catch((error: unknown) => {
      state.opts.log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent)
        sendError(res, 500, {
          message: "Emulator internal error.",
          type: "server_error",
          code: "internal_error",
        });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(state.opts.port, state.opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = state.opts.host.includes(":") ? `[${state.opts.host}]` : state.opts.host;
  const url = `http://${host}:${port}/v1`;
  state.opts.log(`listening on ${url}`);
  return {
    url,
    port,
    stats: state.stats,
    events: state.events,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled and slow responses would keep close() waiting: end them first.
        for (const c of active) c.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
