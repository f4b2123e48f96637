/**
 * Shared by the conversation, search, import/export and attachment routes: one error shape
 * (`{ error: { code, message } }`), a request id, capped JSON bodies, zod-checked input, and the
 * caller's database and user. Unexpected errors are logged, never shown raw.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { resolveUser, type SessionUser } from "@/lib/auth/identity";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/connect";
import { DbError } from "@/lib/db/errors";
import type { UserRole } from "@/lib/db/schema";
import { serverEnv } from "@/lib/env";
import type { ErrorCode } from "@/lib/errors/codes";
import { errorMessage } from "@/lib/errors/wording";
import { logger, requestId, withRequestId } from "@/lib/observability/logger";
import { checkCsrf } from "@/lib/security/csrf";

/** `message` defaults to the wording table's words for `code` (lib/errors/wording.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = errorMessage(code),
    /** The request field at fault (`settings.temperature`), for forms that point at it. */
    readonly field?: string,
  ) {
    super(message);
  }

  toResponse(): Response {
    const field = this.field ? { field: this.field } : {};
    return Response.json(
      { error: { code: this.code, message: this.message, ...field } },
      { status: this.status },
    );
  }
}

export const notFoundError = (what = "conversation") =>
  new ApiError(404, "not_found", `The ${what} was not found.`);

/**
 * Wraps a handler so every failure leaves as a JSON error, and every request has an id: taken from
 * a sane incoming `x-request-id` or made up, returned in the `x-request-id` response header, and
 * carried by every log line written while the handler runs (so a user's report of a 500 can be
 * matched to its stack trace). Mutating requests from another site are refused first with a 403
 * `cross_site_request`, in every auth mode (lib/security/csrf.ts has the rule).
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const request = args[0] instanceof Request ? args[0] : undefined;
    const id = request ? requestId(request) : randomUUID();
    const started = performance.now();
    const response = await withRequestId(id, () => run(fn, args));
    // The path without its query: a search query is the user's words.
    const path = request ? new URL(request.url).pathname : undefined;
    const ms = Math.round(performance.now() - started);
    logger.debug({ reqId: id, method: request?.method, path, status: response.status, ms }, "request");
    return withHeader(response, "x-request-id", id);
  };
}

async function run<A extends unknown[]>(fn: (...args: A) => Promise<Response>, args: A): Promise<Response> {
  const request = args[0] instanceof Request ? args[0] : undefined;
  if (request) {
    const verdict = checkCsrf(request, serverEnv().PARLEY_URL);
    if (!verdict.ok) {
      logger.warn({ method: request.method, reason: verdict.reason }, "cross-site request refused");
      return new ApiError(403, "cross_site_request").toResponse();
    }
  }
  try {
    return await fn(...args);
  } catch (e) {
    if (e instanceof ApiError) return e.toResponse();
    if (e instanceof DbError) {
      const status = e.code === "not_found" ? 404 : 400;
      return new ApiError(
        status,
        e.code === "not_found" ? "not_found" : "bad_request",
        e.message,
      ).toResponse();
    }
    logger.error({ err: e }, "route handler failed");
    return new ApiError(500, "internal").toResponse();
  }
}

/** Responses from fetch() or Response.redirect() have immutable headers; copy those. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

export type Session = { db: Db; userId: string; user: SessionUser };

/**
 * The caller's database and user; every query below is scoped to `userId`. The user comes from the
 * better-auth session, the trusted proxy's header, or is the local user (PARLEY_AUTH=none).
 * Throws 401 `not_signed_in` without one, 403 `forbidden_role` when the role is not in `roles`
 * (default: admin and member; a pending account waits for approval).
 */
export async function session(
  request: Request,
  { roles = ["admin", "member"] }: { roles?: readonly UserRole[] } = {},
): Promise<Session> {
  const db = await getDb();
  const resolved = await resolveUser(request, db);
  if (!resolved.user) {
    const message =
      resolved.reason === "untrusted_proxy"
        ? "Parley only accepts requests through its authenticating proxy."
        : errorMessage("not_signed_in");
    throw new ApiError(401, "not_signed_in", message);
  }
  const { user } = resolved;
  if (!roles.includes(user.role)) {
    throw new ApiError(
      403,
      "forbidden_role",
      user.role === "pending"
        ? "Your account is waiting for an admin's approval."
        : errorMessage("forbidden_role"),
    );
  }
  return { db, userId: user.id, user };
}

/** session() for the admin routes: only admins. */
export function requireAdmin(request: Request): Promise<Session> {
  return session(request, { roles: ["admin"] });
}

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    const message = `${field ? `${field}: ` : ""}${issue?.message ?? "invalid input"}`;
    throw new ApiError(400, "bad_request", message, field);
  }
  return result.data;
}

export function parseQuery<T extends z.ZodType>(schema: T, request: Request): z.infer<T> {
  return parse(schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** Reads the body up to `maxBytes` without holding more than that in memory. */
export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new ApiError(413, "too_large", `The upload is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: Request, maxBytes = 1024 * 1024): Promise<unknown> {
  const bytes = await readBytes(request, maxBytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError(400, "bad_request", "The request body is not valid JSON.");
  }
}

/** A download: ASCII fallback name plus the UTF-8 one (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
