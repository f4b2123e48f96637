"use client";
import { diffWords } from "diff";
import { useMemo } from "react";

/**
 * A word-level diff of two answers: text spans with classes (never HTML from the model). Words
 * only in the left answer are struck through, words only in the right one are highlighted.
 */
export function WordDiff({ left, right }: { left: string; right: string }) {
  const changes = useMemo(() => diffWords(left, right), [left, right]);
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-6" data-testid="compare-diff">
      {changes.map((c, i) =>
        c.added ? (
          <ins key={i} data-testid="diff-added" className="rounded bg-success/15 text-success no-underline">
            {c.value}
          </ins>
        ) : c.removed ? (
          <del key={i} data-testid="diff-removed" className="rounded bg-danger/15 text-danger">
            {c.value}
          </del>
        ) : (
          <span key={i}>{c.value}</span>
        ),
      )}
    </p>
  );
}
