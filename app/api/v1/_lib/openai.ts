/**
 * The OpenAI-compatible surface (`/api/v1`): OpenAI's error shape, so the official SDK raises its
 * own error classes, and authentication by Parley API keys only (never the browser's session).
 */
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/connect";
import { GatewayError } from "@/lib/gateway/errors";
import { logger, withRequestId } from "@/lib/observability/logger";
import { authenticateApiKey } from "@/lib/usage/api-keys";
import { LimitReached } from "@/lib/usage/limits";
import { ApiError } from "../../_lib/http";

export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toResponse(): Response {
    return Response.json(
      { error: { message: this.message, type: this.type, code: this.code, param: null } },
      { status: this.status, headers: this.headers },
    );
  }
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "invalid_request_error",
  413: "invalid_request_error",
  429: "rate_limit_exceeded",
};

/** Any failure, in OpenAI's shape; unexpected ones are logged and shown as a plain 500. */
export function toOpenAiError(e: unknown): OpenAiError {
  if (e instanceof OpenAiError) return e;
  if (e instanceof LimitReached) {
    // A budget does not come back within a client's retry loop: tell the SDK not to retry it.
    const headers: Record<string, string> = { "retry-after": String(e.retryAfterSeconds) };
    if (e.code === "budget_exceeded") headers["x-should-retry"] = "false";
    const type = e.code === "budget_exceeded" ? "insufficient_quota" : "rate_limit_exceeded";
    return new OpenAiError(429, e.message, type, e.code, headers);
  }
  if (e instanceof ApiError) {
    return new OpenAiError(e.status, e.message, TYPE_BY_STATUS[e.status] ?? "api_error", e.code);
  }
  if (e instanceof GatewayError) {
    // The gateway refusing Parley's own key is Parley's problem, never the caller's 401.
    const passed = e.status !== undefined && [400, 404, 413, 429].includes(e.status) ? e.status : 502;
    const status = e.code === "upstream_unavailable" ? 503 : passed;
    const headers: Record<string, string> =
      e.retryAfterSeconds === undefined ? {} : { "retry-after": String(e.retryAfterSeconds) };
    return new OpenAiError(status, e.userMessage, TYPE_BY_STATUS[status] ?? "api_error", e.code, headers);
  }
  logger.error({ err: e }, "v1 route failed");
  return new OpenAiError(500, "Parley's server failed. Try again.", "api_error", "internal");
}

export type KeyCaller = { db: Db; userId: string; keyId: string };

/** Wraps a /api/v1 handler: a request id, the caller's API key checked first, errors in OpenAI's shape. */
export function handleV1(fn: (request: Request, caller: KeyCaller) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const id = randomUUID();
    return withRequestId(id, async () => {
      try {
        const db = await getDb();
        const key = await authenticateApiKey(db, request);
        if (!key) {
          throw new OpenAiError(
            401,
            "Invalid or revoked Parley API key. Create one in Parley's settings and send it as `Authorization: Bearer pk_live_…`.",
            "authentication_error",
            "invalid_api_key",
          );
        }
        return await fn(request, { db, userId: key.userId, keyId: key.keyId });
      } catch (e) {
        return toOpenAiError(e).toResponse();
      }
    });
  };
}
