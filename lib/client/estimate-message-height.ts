import type { ChatMessage } from "./chat-types";

/**
 * A guess at a message's rendered height (px) before it has been measured. It only has to be in
 * the right range: it sizes the scrollbar for messages not yet shown, and every shown message is
 * measured. Closer guesses mean smaller corrections as the user scrolls up through history.
 */
const LINE_PX = 26;
const CHARS_PER_LINE = 90;
const USER_CHROME_PX = 24; // bubble padding
const ASSISTANT_CHROME_PX = 40; // footer (model, timing)
const BLOCK_PX = 64; // an image, a tool card or a collapsed reasoning block

export function estimateMessageHeight(m: ChatMessage | undefined): number {
  if (!m) return 120;
  let lines = 0;
  let blocks = 0;
  for (const p of m.parts) {
    if (p.type === "text" || p.type === "refusal") {
      // Paragraph breaks and code lines add lines a plain character count would miss.
      lines += Math.ceil(p.text.length / CHARS_PER_LINE) + (p.text.match(/\n/g)?.length ?? 0) / 2;
    } else {
      blocks += 1;
    }
  }
  const chrome = m.role === "user" ? USER_CHROME_PX : ASSISTANT_CHROME_PX;
  return Math.round(chrome + Math.max(lines, 1) * LINE_PX + blocks * BLOCK_PX);
}
