"use client";

/**
 * Said above an answer whose conversation outgrew the model's context: the server left the oldest
 * messages out (lib/relay/history.ts), and the user should know the model did not see them.
 */
export function ContextNote({ dropped }: { dropped: number }) {
  return (
    <p data-testid="context-note" className="mb-2 rounded-md bg-muted px-3 py-1.5 text-xs text-fg-muted">
      This conversation is longer than the model can read at once: the oldest {dropped}{" "}
      {dropped === 1 ? "message was" : "messages were"} left out of this answer.
    </p>
  );
}
