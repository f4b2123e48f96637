"use client";
import { Lexer } from "marked";
import { memo, useMemo, useRef } from "react";
import { cn } from "@/lib/client/cn";
import { renderBlocks } from "./render-tokens";
import { repairTail } from "./repair-tail";
import { createBlockSplitter } from "./split-blocks";

const LEX_OPTIONS = { gfm: true, breaks: false } as const;

/** One block of markdown, lexed and rendered once; React skips it while its text is unchanged. */
const MarkdownBlock = memo(function MarkdownBlock({
  text,
  streamingTail,
}: {
  text: string;
  streamingTail: boolean;
}) {
  const nodes = useMemo(() => {
    const source = streamingTail ? repairTail(text) : text;
    return renderBlocks(Lexer.lex(source, LEX_OPTIONS), { streamingTail });
  }, [text, streamingTail]);
  return <>{nodes}</>;
});

type MarkdownProps = { text: string; streaming?: boolean; className?: string };

/**
 * Streaming-safe markdown. The text is split at stable block boundaries; finished blocks are
 * memoised by their start offset and never lexed again, only the last (open) block is re-lexed as
 * tokens arrive. Cost per update is bounded by the size of that block, not of the answer.
 */
export const Markdown = memo(function Markdown({ text, streaming = false, className }: MarkdownProps) {
  const splitter = useRef<ReturnType<typeof createBlockSplitter> | null>(null);
  splitter.current ??= createBlockSplitter();
  const { blocks, tail } = splitter.current.split(text);
  return (
    <div data-slot="markdown" className={cn("min-w-0 break-words", className)}>
      {blocks.map((b) => (
        // Finished blocks off screen skip style, layout and paint (content-visibility).
        <div key={b.start} className="flow-root [contain-intrinsic-size:auto_80px] [content-visibility:auto]">
          <MarkdownBlock text={b.text} streamingTail={false} />
        </div>
      ))}
      {tail && (
        <div key={tail.start} className="flow-root">
          <MarkdownBlock text={tail.text} streamingTail={streaming} />
        </div>
      )}
    </div>
  );
});
