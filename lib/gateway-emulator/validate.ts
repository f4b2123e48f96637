import { type ChatCompletionRequest, MODELS } from "@/lib/stream/wire";
import type { ErrorFields } from "./http";

/**
 * Checks a chat-completions body the way the gateway does, so a client bug shows up as the same
 * 400 it would get in production (with `param` naming the field) rather than as a demo answer.
 */
export type Validated =
  | { ok: true; request: ChatCompletionRequest }
  | { ok: false; status: number; error: ErrorFields };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function bad(param: string, message: string): Validated {
  return {
    ok: false,
    status: 400,
    error: { message, type: "invalid_request_error", code: "invalid_value", param },
  };
}

function checkNumber(body: Record<string, unknown>, key: string, min: number, max: number, int = false) {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (int && !Number.isInteger(v))) {
    return bad(key, `'${key}' must be ${int ? "an integer" : "a number"} between ${min} and ${max}.`);
  }
  return null;
}

function checkContentPart(part: unknown, at: string): Validated | null {
  if (!isObject(part)) return bad(at, `'${at}' must be an object.`);
  if (part.type === "text")
    return typeof part.text === "string" ? null : bad(`${at}.text`, "Text parts need 'text'.");
  if (part.type === "image_url") {
    const url = isObject(part.image_url) ? part.image_url.url : undefined;
    if (typeof url !== "string" || !/^(https?:\/\/|data:image\/[\w.+-]+;base64,)/.test(url)) {
      return bad(`${at}.image_url.url`, "Image parts need an http(s) URL or a base64 data:image URL.");
    }
    return null;
  }
  return bad(`${at}.type`, `Unsupported content part type '${String(part.type)}'.`);
}

function checkMessage(m: unknown, i: number): Validated | null {
  const at = `messages[${i}]`;
  if (!isObject(m)) return bad(at, `'${at}' must be an object.`);
  if (typeof m.role !== "string" || !ROLES.has(m.role))
    return bad(`${at}.role`, `'${at}.role' is not a valid role.`);
  const { content } = m;
  if (Array.isArray(content)) {
    if (m.role !== "user" && m.role !== "system")
      return bad(`${at}.content`, "Only user messages take parts.");
    for (const [j, part] of content.entries()) {
      const problem = checkContentPart(part, `${at}.content[${j}]`);
      if (problem) return problem;
    }
  } else if (typeof content !== "string" && !(m.role === "assistant" && content == null)) {
    return bad(`${at}.content`, `'${at}.content' must be a string or an array of parts.`);
  }
  if (m.role === "tool" && typeof m.tool_call_id !== "string") {
    return bad(`${at}.tool_call_id`, "Tool messages need 'tool_call_id'.");
  }
  if (m.role === "assistant" && m.tool_calls !== undefined) {
    const calls = m.tool_calls;
    const ok =
      Array.isArray(calls) &&
      calls.every(
        (c) =>
          isObject(c) &&
          typeof c.id === "string" &&
          isObject(c.function) &&
          typeof c.function.name === "string",
      );
    if (!ok) return bad(`${at}.tool_calls`, "Each tool call needs an id and a function name.");
  }
  return null;
}

function checkTools(body: Record<string, unknown>): Validated | null {
  const { tools, tool_choice: choice } = body;
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return bad("tools", "'tools' must be an array.");
    for (const [i, t] of tools.entries()) {
      const fn = isObject(t) ? t.function : undefined;
      if (
        !isObject(t) ||
        t.type !== "function" ||
        !isObject(fn) ||
        typeof fn.name !== "string" ||
        !TOOL_NAME.test(fn.name)
      ) {
        return bad(`tools[${i}]`, `'tools[${i}]' must be {type:"function", function:{name, parameters}}.`);
      }
    }
  }
  if (choice === undefined || choice === "auto" || choice === "none" || choice === "required") return null;
  const name = isObject(choice) && isObject(choice.function) ? choice.function.name : undefined;
  if (typeof name !== "string")
    return bad("tool_choice", "'tool_choice' must be auto, none, required or a function.");
  const offered =
    Array.isArray(tools) && tools.some((t) => (t as { function: { name: string } }).function.name === name);
  return offered ? null : bad("tool_choice", `'tool_choice' names '${name}', which is not in 'tools'.`);
}

export function validateRequest(body: unknown): Validated {
  if (!isObject(body)) return bad("body", "The request body must be a JSON object.");
  if (typeof body.model !== "string" || body.model === "") return bad("model", "'model' is required.");
  if (!(MODELS as readonly string[]).includes(body.model)) {
    const message = `The model '${body.model}' does not exist or you do not have access to it.`;
    return {
      ok: false,
      status: 404,
      error: { message, type: "invalid_request_error", code: "model_not_found", param: "model" },
    };
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return bad("messages", "'messages' must be a non-empty array.");
  }
  for (const [i, m] of body.messages.entries()) {
    const problem = checkMessage(m, i);
    if (problem) return problem;
  }
  const numeric =
    checkNumber(body, "temperature", 0, 2) ??
    checkNumber(body, "top_p", 0, 1) ??
    checkNumber(body, "max_tokens", 1, 1_000_000, true);
  if (numeric) return numeric;
  for (const key of ["stream", "parallel_tool_calls"]) {
    if (body[key] !== undefined && body[key] !== null && typeof body[key] !== "boolean")
      return bad(key, `'${key}' must be a boolean.`);
  }
  const so = body.stream_options;
  if (
    so !== undefined &&
    so !== null &&
    !(isObject(so) && (so.include_usage === undefined || typeof so.include_usage === "boolean"))
  ) {
    return bad("stream_options", "'stream_options' must be {include_usage: boolean}.");
  }
  const rf = body.response_format;
  if (
    rf !== undefined &&
    rf !== null &&
    !(isObject(rf) && (rf.type === "text" || rf.type === "json_object"))
  ) {
    return bad("response_format", "'response_format.type' must be 'text' or 'json_object'.");
  }
  return checkTools(body) ?? { ok: true, request: body as unknown as ChatCompletionRequest };
}
