/**
 * The few failures queries report on purpose. Route handlers answer them with `errorCode` (the
 * public code from lib/errors: "not_found", or "bad_request" for input the store refuses); anything
 * else a query throws is a bug or an outage and is never shown to the user raw.
 */
import type { ErrorCode } from "../errors/codes";

export type DbErrorCode = "not_found" | "invalid";

const PUBLIC_CODE: Record<DbErrorCode, ErrorCode> = { not_found: "not_found", invalid: "bad_request" };

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DbError";
  }

  /** The code a JSON error carries for this failure (its HTTP status: ERROR_STATUS in lib/errors). */
  get errorCode(): ErrorCode {
    return PUBLIC_CODE[this.code];
  }
}

export const notFound = (what: string) => new DbError("not_found", `${what} not found`);
