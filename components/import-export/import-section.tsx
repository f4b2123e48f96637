"use client";
import Link from "next/link";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { UploadIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import type { ImportResult } from "@/lib/import-export/format";
import { useImportFile } from "./use-import-file";

/** Links to the first few imported conversations; the sidebar lists them all. */
const SHOWN_LINKS = 5;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

function Summary({ result, onOpen }: { result: ImportResult; onOpen?: () => void }) {
  const { conversations, messages, skipped } = result;
  return (
    <>
      <p>
        Imported {plural(conversations.length, "conversation")} ({plural(messages, "message")}).
        {skipped.length > 0 && ` Skipped ${skipped.length} with nothing to show.`}
      </p>
      {conversations.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {conversations.slice(0, SHOWN_LINKS).map((c) => (
            <li key={c.id}>
              <Link
                href={`/c/${c.id}`}
                data-testid="import-result-link"
                onClick={onOpen}
                className="text-primary underline-offset-2 hover:underline"
              >
                {c.title || "Untitled conversation"}
              </Link>
            </li>
          ))}
          {conversations.length > SHOWN_LINKS && <li>and {conversations.length - SHOWN_LINKS} more</li>}
        </ul>
      )}
    </>
  );
}

/**
 * Import: pick a Parley export or ChatGPT's conversations.json, then see how many conversations
 * arrived, or the server's reason for refusing the file (in which case nothing was imported).
 */
export function ImportSection({ onOpenConversation }: { onOpenConversation?: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const importFile = useImportFile();
  const fileName = importFile.variables?.name;
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-medium">Import</h3>
      <p id={hintId} className="text-xs text-fg-muted">
        A Parley export (.json) or ChatGPT’s conversations.json. Imported conversations are added as copies;
        nothing you have is changed.
      </p>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ""; // choosing the same file again must fire change again
          if (file) importFile.mutate(file);
        }}
      />
      <Button
        variant="outline"
        size="sm"
        data-testid="import-button"
        aria-describedby={hintId}
        disabled={importFile.isPending}
        onClick={() => input.current?.click()}
      >
        <UploadIcon />
        {importFile.isPending ? "Importing…" : "Choose a file…"}
      </Button>
      {!importFile.isIdle && (
        <div
          data-testid="import-status"
          data-state={importFile.status}
          role={importFile.isError ? "alert" : "status"}
          className={cn(
            "rounded-md border px-3 py-2 text-sm",
            importFile.isError ? "border-danger text-danger" : "border-border",
          )}
        >
          {importFile.isPending && <p>Importing {fileName}…</p>}
          {importFile.isError && (
            <>
              <p className="font-medium">Could not import {fileName}; nothing was imported.</p>
              <p data-testid="import-error" className="mt-1 break-words">
                {importFile.error.message}
              </p>
            </>
          )}
          {importFile.isSuccess && <Summary result={importFile.data} onOpen={onOpenConversation} />}
        </div>
      )}
    </section>
  );
}
