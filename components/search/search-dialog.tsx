"use client";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { Modal } from "@/components/ui/modal";
import { cn } from "@/lib/client/cn";
import { useSearchStore } from "@/lib/client/search-store";
import { SearchResultItem } from "./search-result-item";
import { useOpenResult } from "./use-open-result";
import { useSearchResults } from "./use-search-results";

/** The dialog, mounted only while open so every opening starts from an empty query. */
export function SearchDialog() {
  const open = useSearchStore((s) => s.open);
  return open ? <SearchPanel /> : null;
}

function SearchPanel() {
  const setOpen = useSearchStore((s) => s.setOpen);
  const [input, setInput] = useState("");
  const [active, setActive] = useState(0);
  const { q, results, error, settled } = useSearchResults(input);
  const openResult = useOpenResult();
  const listId = useId();

  // New results: the best one is the active one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new result list only
  useEffect(() => setActive(0), [results]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [listId, active]);

  const close = () => setOpen(false);
  const choose = (index: number) => {
    const hit = results[index];
    if (!hit) return;
    close();
    void openResult(hit);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = results.length;
    if (e.key === "ArrowDown" && n > 0) setActive((i) => (i + 1) % n);
    else if (e.key === "ArrowUp" && n > 0) setActive((i) => (i - 1 + n) % n);
    else if (e.key === "Enter" && !e.nativeEvent.isComposing) choose(active);
    else if (e.key === "Escape") close();
    else return;
    e.preventDefault();
    // Escape must not also stop a streaming answer (the chat listens on window).
    e.stopPropagation();
  };

  const status = !q
    ? "Search the titles and messages of your conversations."
    : error
      ? `Search failed: ${error.message}`
      : results.length > 0
        ? null
        : settled
          ? `No matches for “${q}”.`
          : "Searching…";

  return (
    <Modal onClose={close} aria-label="Search conversations" data-testid="search-dialog">
      <div className="flex max-h-[76vh] flex-col">
        <input
          // biome-ignore lint/a11y/noAutofocus: a search dialog exists to be typed into
          autoFocus
          type="text"
          enterKeyHint="search"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          aria-label="Search conversations"
          placeholder="Search conversations…"
          data-testid="search-input"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          className="h-12 w-full shrink-0 border-b border-border bg-transparent px-4 text-base outline-none placeholder:text-fg-muted"
        />
        <div
          id={listId}
          role="listbox"
          aria-label="Results"
          data-testid="search-results"
          aria-busy={!settled}
          className={cn("min-h-0 flex-1 overflow-y-auto", results.length > 0 && "p-1.5")}
        >
          {results.map((hit, i) => (
            <SearchResultItem
              key={`${hit.conversationId}:${hit.messageId ?? "title"}`}
              id={`${listId}-${i}`}
              hit={hit}
              active={i === active}
              onHover={() => setActive(i)}
              onChoose={() => choose(i)}
            />
          ))}
        </div>
        {status && (
          <p
            data-testid="search-status"
            role={error ? "alert" : "status"}
            className={cn("px-4 py-6 text-center text-sm", error ? "text-danger" : "text-fg-muted")}
          >
            {status}
          </p>
        )}
        <p className="shrink-0 border-t border-border px-4 py-2 text-xs text-fg-muted">
          ↑ ↓ to move · Enter to open · Esc to close
        </p>
      </div>
    </Modal>
  );
}
