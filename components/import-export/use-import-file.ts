"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/client/keys";
import type { ImportResult } from "@/lib/import-export/format";

/** The server's cap (app/api/import/route.ts); checked here too, so a huge file is not uploaded. */
const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

async function uploadImport(file: File): Promise<ImportResult> {
  if (file.size > IMPORT_MAX_BYTES) {
    throw new Error(`${file.name} is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`);
  }
  // The file is the body as it is: the server tells Parley's export from ChatGPT's by its shape.
  const res = await fetch("/api/import", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as
    | (ImportResult & { error?: { message?: string } })
    | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `The import failed (HTTP ${res.status}).`);
  return body;
}

/**
 * Imports a Parley or ChatGPT export. The server writes all of it or none of it: on success the
 * lists and search results gain the new conversations (open ones are untouched: an import only
 * adds), and on failure nothing has changed. Success is reported once the lists have refetched.
 */
export function useImportFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.conversations.lists() }),
        qc.invalidateQueries({ queryKey: queryKeys.search.all }),
      ]),
  });
}
