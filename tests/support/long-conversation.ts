/**
 * A long synthetic conversation, shared by the long-conversation browser test (imported as a
 * Parley export) and the database benchmark (bulk-inserted): alternating user and assistant
 * messages on one branch, each numbered so a test can tell which ones are on screen.
 */
import { EXPORT_FORMAT, EXPORT_VERSION } from "../../lib/import-export/format";

const ANSWER = [
  "Here is a short answer with a list, so rows are not all the same height:",
  "",
  "- the first point, kept brief",
  "- a second point that runs a little longer than the first one does",
  "- a third",
  "",
  "And a closing paragraph that wraps onto a second line on a typical laptop screen, like most answers do.",
].join("\n");

/** Text of message `n` (1-based); odd numbers are the user's. `Message #n` is unique on the page. */
export function longConversationText(n: number): string {
  return n % 2 === 1 ? `Message #${n}: a question from the user?` : `Message #${n}. ${ANSWER}`;
}

export const longConversationRole = (n: number): "user" | "assistant" => (n % 2 === 1 ? "user" : "assistant");

/** A Parley export holding one conversation of `count` messages, a minute apart. */
export function longConversationExport(count: number, title = `Long conversation (${count} messages)`) {
  const start = Date.UTC(2026, 0, 1);
  const at = (n: number) => new Date(start + n * 60_000).toISOString();
  const messages = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return {
      id: `m${n}`,
      parentId: n === 1 ? null : `m${n - 1}`,
      role: longConversationRole(n),
      parts: [{ type: "text", text: longConversationText(n) }],
      model: n % 2 === 0 ? "anthropic/claude-sonnet-4.6" : null,
      status: "done",
      createdAt: at(n),
    };
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    conversations: [
      {
        id: "long",
        title,
        model: "anthropic/claude-sonnet-4.6",
        createdAt: at(0),
        updatedAt: at(count),
        currentLeafId: `m${count}`,
        messages,
      },
    ],
  };
}
