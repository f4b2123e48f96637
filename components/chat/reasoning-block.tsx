"use client";
import { memo, useEffect, useId, useState } from "react";
import { Markdown } from "@/components/markdown/markdown";
import { ChevronIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}

/** Counts up while the model thinks; only this element re-renders every tick. */
function LiveTimer({ since }: { since: number }) {
  const [now, setNow] = useState(since);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span className="tabular-nums">{seconds(Math.max(0, now - since))} s</span>;
}

type ReasoningProps = { text: string; thinking: boolean; durationMs?: number };

/**
 * "Show thinking": open and live while the model reasons, collapsed to "Thought for N s" once
 * the answer starts. A click opens or closes it at any time.
 */
export const ReasoningBlock = memo(function ReasoningBlock({ text, thinking, durationMs }: ReasoningProps) {
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const [startedAt] = useState(() => Date.now());
  const open = userOpen ?? thinking;
  const contentId = useId();
  return (
    <div
      data-testid="reasoning"
      data-state={open ? "open" : "closed"}
      data-thinking={thinking ? "true" : "false"}
      className="my-2 rounded-lg border border-border bg-subtle"
    >
      <button
        type="button"
        data-testid="reasoning-toggle"
        aria-expanded={open}
        aria-controls={contentId}
        onClick={() => setUserOpen(!open)}
        className="flex w-full items-center gap-1.5 rounded-lg px-3 py-2 text-left text-sm text-fg-muted hover:text-fg focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        <ChevronIcon className={cn("transition-transform", open && "rotate-90")} />
        {thinking ? (
          <span>
            Thinking… <LiveTimer since={startedAt} />
          </span>
        ) : (
          <span>{durationMs !== undefined ? `Thought for ${seconds(durationMs)} s` : "Thoughts"}</span>
        )}
      </button>
      {open && (
        <div
          id={contentId}
          aria-live={thinking ? "polite" : undefined}
          className="border-t border-border px-3 py-1 text-sm text-fg-muted"
        >
          <Markdown text={text} streaming={thinking} />
        </div>
      )}
    </div>
  );
});
