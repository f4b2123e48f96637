"use client";
import { Button } from "@/components/ui/button";
import type { OlderMessagesState } from "@/lib/client/use-older-messages";

/** Floats over the top of the conversation while an older page loads, or offers a retry. */
export function OlderMessagesStatus({ state, onRetry }: { state: OlderMessagesState; onRetry: () => void }) {
  if (state === "idle") return null;
  return (
    <div className="pointer-events-none absolute top-2 left-1/2 z-10 -translate-x-1/2">
      {state === "loading" ? (
        <p
          data-testid="older-messages-loading"
          role="status"
          className="rounded-full border border-border bg-bg px-3 py-1 text-xs text-fg-muted shadow-sm"
        >
          Loading earlier messages…
        </p>
      ) : (
        <Button
          variant="outline"
          size="sm"
          data-testid="older-messages-retry"
          onClick={onRetry}
          shape="pill"
          className="pointer-events-auto shadow-md"
        >
          Couldn’t load earlier messages. Retry
        </Button>
      )}
    </div>
  );
}
