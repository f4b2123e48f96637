/**
 * The few failures queries report on purpose. Route handlers map `code` to a status; anything
 * else a query throws is a bug or an outage and is never shown to the user raw.
 */
export type DbErrorCode = "not_found" | "invalid";

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DbError";
  }
}

export const notFound = (what: string) => new DbError("not_found", `${what} not found`);
