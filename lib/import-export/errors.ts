import type { z } from "zod";
import { DbError } from "../db/errors";

/** A file we refuse, with a message that says where it is wrong. Nothing is written. */
export class ImportError extends DbError {
  constructor(message: string) {
    super("invalid", message);
    this.name = "ImportError";
  }
}

/** "conversations[3] ("Trip plan") › messages[5].parts[0].text: expected string" */
export function describeIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  listKey: "conversations" | null,
): string {
  const path = [...issue.path];
  let where = "";
  const list = listKey ? (raw as Record<string, unknown> | null)?.[listKey] : raw;
  if (listKey) {
    if (path[0] === listKey) path.shift();
    else return `${path.join(".") || "file"}: ${issue.message}`;
  }
  if (typeof path[0] === "number" && Array.isArray(list)) {
    const index = path.shift() as number;
    const title = (list[index] as { title?: unknown } | undefined)?.title;
    where = `conversation ${index + 1}${typeof title === "string" && title ? ` ("${title.slice(0, 60)}")` : ""}`;
  }
  const field = path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
  return `${[where, field].filter(Boolean).join(" › ")}: ${issue.message}`;
}
