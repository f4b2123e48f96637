/**
 * Splits streaming markdown into blocks that will never change again plus one open tail, without
 * rescanning what was already split. A block ends at a blank line outside a code fence, confirmed
 * once the next line starts at column 0 (an indented line may still belong to a list item).
 */
export type Block = { start: number; text: string };

export type BlockSplitter = {
  /** Text so far → completed blocks (same objects as last time, plus new ones) and the tail. */
  split(text: string): { blocks: Block[]; tail: Block | null };
};

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_INDENTED = /^\s*(`{3,}|~{3,})/;

export function createBlockSplitter(): BlockSplitter {
  let prefix = "";
  let blocks: Block[] = [];
  /** Offset where the tail begins: everything before it is in `blocks`. */
  let stable = 0;

  return {
    split(text) {
      if (!text.startsWith(prefix)) {
        // Not an append (a different message or an edit): start over.
        blocks = [];
        stable = 0;
        prefix = "";
      }
      let fence: { char: string; len: number } | null = null;
      let blockStart = stable;
      let pendingEnd = -1; // end of content before a blank line, awaiting the next line
      let pos = stable;
      while (pos < text.length) {
        const nl = text.indexOf("\n", pos);
        const complete = nl !== -1;
        const line = complete ? text.slice(pos, nl) : text.slice(pos);
        const next = complete ? nl + 1 : text.length;
        if (fence) {
          const m = FENCE_INDENTED.exec(line);
          if (
            complete &&
            m?.[1] &&
            m[1][0] === fence.char &&
            m[1].length >= fence.len &&
            !line.slice(m[0].length).trim()
          ) {
            fence = null;
          }
        } else if (line.trim() === "") {
          if (complete) {
            if (blockStart === pos) blockStart = next;
            else if (pendingEnd === -1) pendingEnd = pos;
          }
        } else {
          if (pendingEnd !== -1) {
            if (/^\S/.test(line)) {
              blocks = [...blocks, { start: blockStart, text: text.slice(blockStart, pendingEnd) }];
              blockStart = pos;
            }
            pendingEnd = -1;
          }
          const m = (FENCE.exec(line) ?? FENCE_INDENTED.exec(line))?.[1];
          if (m && complete && !(m[0] === "`" && line.slice(line.indexOf(m) + m.length).includes("`"))) {
            fence = { char: m[0] as string, len: m.length };
          }
        }
        pos = next;
      }
      if (blockStart !== stable) {
        stable = blockStart;
        prefix = text.slice(0, stable);
      }
      const tailText = text.slice(blockStart);
      return { blocks, tail: tailText.trim() ? { start: blockStart, text: tailText } : null };
    },
  };
}
