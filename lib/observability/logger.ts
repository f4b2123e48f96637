import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { serverEnv } from "@/lib/env";
import { CENSOR, errorAsMessage, REDACT_PATHS, serializeError } from "./redact";

/**
 * Structured logs: one JSON object per line on stdout, for whatever collects the container's
 * output. Values that could hold secrets or message text are censored (./redact.ts), so log the
 * ids and sizes of things, never the things.
 *
 * A line written while a request is being handled (app/api/_lib/http.ts runs the handler inside
 * withRequestId) carries that request's `reqId`, also from code that never sees the request, such
 * as the relay or the database layer.
 */
export type { Logger };

type Shared = { root?: Logger; context: AsyncLocalStorage<string> };

// Next may load this module once per route bundle; one logger and one context per process.
const holder = globalThis as { __parleyLog?: Shared };
holder.__parleyLog ??= { context: new AsyncLocalStorage<string>() };
const shared: Shared = holder.__parleyLog;

/** A logger with Parley's redaction and format, writing to `destination` (tests pass their own). */
export function createLogger(options: { level?: Level | "silent"; destination?: DestinationStream } = {}) {
  const env = serverEnv();
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL,
      // Several instances may log to one place: say which one wrote the line.
      base: { pid: process.pid, hostname: hostname(), instance: env.PARLEY_INSTANCE_ID },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"error" rather than 50: what log search tools expect.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        logMethod(args, method) {
          method.apply(this, errorAsMessage(args) as Parameters<typeof method>);
        },
      },
      mixin: () => {
        const reqId = shared.context.getStore();
        return reqId ? { reqId } : {};
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

shared.root ??= createLogger();
/** The process's logger (level from LOG_LEVEL). */
export const logger: Logger = shared.root;

/** A logger whose every line carries `bindings`, e.g. `{ module: "db" }` or `{ generationId }`. */
export function childLogger(bindings: Record<string, unknown>): Logger {
  return logger.child(bindings);
}

/** Ids a proxy may have set, kept only when short and plain so a header cannot forge log lines. */
const SANE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The caller's `x-request-id` when it is sane, so one id follows a request across proxies; else a new one. */
export function requestId(request: Request): string {
  const incoming = request.headers.get("x-request-id")?.trim();
  return incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/** Runs `fn` so that every line logged inside it, however deep, carries `reqId: id`. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return shared.context.run(id, fn);
}

/** The id of the request being handled, if any (for responses and events that echo it). */
export function currentRequestId(): string | undefined {
  return shared.context.getStore();
}
