"use client";
import { Lexer } from "marked";
import { memo, useMemo, useRef } from "react";
import { cn } from "@/lib/client/cn";
import { renderBlocks } from "./render-tokens";
import { repairTail } from "./repair-tail";
import { type Block, createBlockSplitter } from "./split-blocks";

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

/**
 * Finished blocks per group. A long answer has hundreds of blocks: rendered one by one, every
 * update of the tail would walk all of them again (React's props check per block, and Chromium's
 * visibility check per `content-visibility` element each frame), so the cost of a token would grow
 * with the answer. In groups, an update touches only the last, unfinished group.
 */
const GROUP_SIZE = 16;

const sameBlocks = (a: { blocks: Block[] }, b: { blocks: Block[] }) =>
  a.blocks.length === b.blocks.length && a.blocks.every((block, i) => block === b.blocks[i]);

/** A finished block's height until it has been rendered once (then the browser remembers it). */
const BLOCK_GUESS_PX = 80;

/** Up to GROUP_SIZE finished blocks; skips style, layout and paint while off screen. */
const BlockGroup = memo(function BlockGroup({ blocks }: { blocks: Block[] }) {
  return (
    <div
      className="[content-visibility:auto]"
      style={{ containIntrinsicSize: `auto ${blocks.length * BLOCK_GUESS_PX}px` }}
    >
      {blocks.map((b) => (
        <div key={b.start} className="flow-root">
          <MarkdownBlock text={b.text} streamingTail={false} />
        </div>
      ))}
    </div>
  );
}, sameBlocks);

function groupsOf(blocks: Block[]): Block[][] {
  const groups: Block[][] = [];
  for (let i = 0; i < blocks.length; i += GROUP_SIZE) groups.push(blocks.slice(i, i + GROUP_SIZE));
  return groups;
}

type MarkdownProps = { text: string; streaming?: boolean; className?: string };

/**
 * Streaming-safe markdown. The text is split at stable block boundaries; finished blocks are
 * memoised by their start offset and never lexed again, only the last (open) block is re-lexed as
 * tokens arrive; finished blocks sit in groups (above) that React skips as a whole. Cost per update
 * is bounded by the size of that block and one group, not of the answer.
 */
export const Markdown = memo(function Markdown({ text, streaming = false, className }: MarkdownProps) {
  const splitter = useRef<ReturnType<typeof createBlockSplitter> | null>(null);
  splitter.current ??= createBlockSplitter();
  const { blocks, tail } = splitter.current.split(text);
  // `blocks` is the same array until a block finishes: regroup only then.
  const groups = useMemo(() => groupsOf(blocks), [blocks]);
  return (
    <div data-slot="markdown" className={cn("min-w-0 break-words", className)}>
      {groups.map((group) => (
        <BlockGroup key={group[0]!.start} blocks={group} />
      ))}
      {tail && (
        <div key={tail.start} className="flow-root">
          <MarkdownBlock text={tail.text} streamingTail={streaming} />
        </div>
      )}
    </div>
  );
});
