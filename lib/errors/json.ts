/**
 * The JSON error every route answers with before (or instead of) a stream:
 * `{"error":{"code","message","field"?}}`. Pure: `Response` exists in browsers and in Node.
 */
import { ERROR_STATUS, type ErrorCode } from "./codes";
import { type ErrorContext, errorMessage } from "./wording";

export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string } };

export type ErrorResponseInit = {
  /** Defaults to the code's status (ERROR_STATUS), else 500. */
  status?: number;
  /** Safe, specific words (e.g. which field is wrong); defaults to the wording table's. */
  message?: string;
  field?: string;
  context?: ErrorContext;
};

export function errorBody(code: ErrorCode, init: Omit<ErrorResponseInit, "status"> = {}): ErrorBody {
  const message = init.message ?? errorMessage(code, init.context);
  return { error: { code, message, ...(init.field ? { field: init.field } : {}) } };
}

export function errorResponse(code: ErrorCode, init: ErrorResponseInit = {}): Response {
  return Response.json(errorBody(code, init), { status: init.status ?? ERROR_STATUS[code] ?? 500 });
}
