/** Imports a file from Parley's JSON export (one conversation or everything). */
import type { Db } from "../db/connect";
import { describeIssue, ImportError } from "./errors";
import { EXPORT_FORMAT, type ImportResult, parleyExportSchema } from "./format";
import { writeConversations } from "./write";

export function isParleyExport(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { format?: unknown }).format === EXPORT_FORMAT;
}

export async function importParleyJson(
  db: Db,
  input: { userId: string; data: unknown },
): Promise<ImportResult> {
  if (!isParleyExport(input.data)) {
    throw new ImportError(`this is not a Parley export (expected "format": "${EXPORT_FORMAT}")`);
  }
  const parsed = parleyExportSchema.safeParse(input.data);
  if (!parsed.success) {
    throw new ImportError(describeIssue(parsed.error.issues[0]!, input.data, "conversations"));
  }
  const written = await writeConversations(db, { userId: input.userId, ...parsed.data });
  return { ...written, skipped: [] };
}
