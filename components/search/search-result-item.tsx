"use client";
import { cn } from "@/lib/client/cn";
import { SnippetText } from "./snippet-text";
import type { SearchResult } from "./use-search-results";

const ROLE_LABEL = { user: "You", assistant: "Assistant", system: "System" } as const;

/** One hit: the conversation's title, who said it (or "Title"), and the snippet with its matches. */
export function SearchResultItem({
  id,
  hit,
  active,
  onHover,
  onChoose,
}: {
  id: string;
  hit: SearchResult;
  active: boolean;
  onHover: () => void;
  onChoose: () => void;
}) {
  return (
    // The keyboard drives the list from the input (aria-activedescendant); this is for the mouse.
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox input
    <div
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      data-testid="search-result"
      // Not data-message-id: that names a message on screen, which the reveal looks for.
      data-result-conversation={hit.conversationId}
      data-result-message={hit.messageId ?? undefined}
      onMouseMove={active ? undefined : onHover}
      onClick={onChoose}
      className={cn("cursor-pointer rounded-lg px-3 py-2", active && "bg-muted")}
    >
      <div className="flex items-baseline gap-2">
        <span data-testid="search-result-title" className="min-w-0 flex-1 truncate text-sm font-medium">
          {hit.title || "Untitled conversation"}
        </span>
        <span className="shrink-0 text-xs text-fg-muted">{hit.role ? ROLE_LABEL[hit.role] : "Title"}</span>
      </div>
      <p data-testid="search-result-snippet" className="mt-0.5 line-clamp-2 text-xs text-fg-muted">
        <SnippetText snippet={hit.snippet} />
      </p>
    </div>
  );
}
