"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { BatchView } from "@/lib/compare/view";
import type { VoteInput } from "@/lib/validations/compare";
import { shortModel } from "./format";

const VERDICTS: { verdict: VoteInput["verdict"]; label: string }[] = [
  { verdict: "a", label: "A is better" },
  { verdict: "b", label: "B is better" },
  { verdict: "tie", label: "Tie" },
  { verdict: "bothbad", label: "Both are bad" },
];

const SAID: Record<string, string> = {
  model_a: "A was better",
  model_b: "B was better",
  tie: "a tie",
  "tie (bothbad)": "both bad",
};

/** Blind judging: the verdict on the latest run, then who A and B were. */
export function VoteBar({
  batch,
  ready,
  onVote,
}: {
  batch: BatchView;
  ready: boolean;
  onVote: (v: Omit<VoteInput, "batchId">) => Promise<unknown>;
}) {
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  if (batch.vote) {
    return (
      <p
        className="rounded-md border border-border bg-subtle px-3 py-2 text-sm"
        data-testid="compare-revealed"
      >
        You said {SAID[batch.vote.winner]}. A was <strong>{shortModel(batch.vote.modelA)}</strong>, B was{" "}
        <strong>{shortModel(batch.vote.modelB)}</strong>
        {batch.vote.tag ? ` (tag: ${batch.vote.tag})` : ""}.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-subtle px-3 py-2 text-sm">
      <span className="font-medium">
        {ready ? "Which answer is better?" : "Vote when both answers are done."}
      </span>
      {VERDICTS.map((v) => (
        <Button
          key={v.verdict}
          variant="outline"
          size="sm"
          disabled={!ready || busy}
          data-testid={`vote-${v.verdict}`}
          onClick={async () => {
            setBusy(true);
            try {
              await onVote({ verdict: v.verdict, ...(tag.trim() ? { tag: tag.trim() } : {}) });
            } finally {
              setBusy(false);
            }
          }}
        >
          {v.label}
        </Button>
      ))}
      <input
        aria-label="Tag"
        data-testid="vote-tag"
        placeholder="tag (optional)"
        maxLength={100}
        className="h-7 w-36 rounded-md border border-border bg-bg px-2 text-xs"
        value={tag}
        onChange={(e) => setTag(e.target.value)}
      />
    </div>
  );
}
