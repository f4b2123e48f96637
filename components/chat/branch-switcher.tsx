"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ChevronIcon } from "@/components/ui/icons";
import { showSibling } from "@/lib/client/branch-actions";
import type { MessageBranch } from "@/lib/client/chat-types";

type Props = { branch: MessageBranch; role: "user" | "assistant"; disabled: boolean };

/** "2 / 3": the versions of a question (edits) or of an answer (regenerations). */
export function BranchSwitcher({ branch, role, disabled }: Props) {
  const [switching, setSwitching] = useState(false);
  const count = branch.siblingIds.length;
  if (count < 2) return null;
  const noun = role === "user" ? "question" : "answer";
  const go = (offset: number) => {
    const target = branch.siblingIds[branch.index + offset];
    if (!target) return;
    setSwitching(true);
    void showSibling(target).finally(() => setSwitching(false));
  };
  const busy = disabled || switching;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form fieldset
    <div
      role="group"
      aria-label={`Versions of this ${noun}`}
      data-testid="branch-switcher"
      data-index={branch.index}
      data-count={count}
      className="flex items-center text-xs text-fg-muted"
    >
      <Button
        variant="ghost"
        size="icon-sm"
        data-testid="branch-prev"
        aria-label={`Previous version of this ${noun}`}
        disabled={busy || branch.index === 0}
        onClick={() => go(-1)}
      >
        <ChevronIcon className="rotate-180" />
      </Button>
      <span data-testid="branch-position" aria-live="polite" className="min-w-9 text-center tabular-nums">
        {branch.index + 1} / {count}
      </span>
      <Button
        variant="ghost"
        size="icon-sm"
        data-testid="branch-next"
        aria-label={`Next version of this ${noun}`}
        disabled={busy || branch.index === count - 1}
        onClick={() => go(1)}
      >
        <ChevronIcon />
      </Button>
    </div>
  );
}
