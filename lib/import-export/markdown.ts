/**
 * A conversation as Markdown: the branch on screen (root → current leaf), for reading or
 * pasting elsewhere. JSON is the lossless format; this one is for people.
 */
import type { Db } from "../db/connect";
import { notFound } from "../db/errors";
import type { StoredMessage } from "../db/queries/columns";
import { getConversation } from "../db/queries/conversations";
import { getMessagePath } from "../db/queries/message-path";
import type { MessagePart } from "../stream/message-parts";

/** A fence longer than any backtick run inside, so code in the content cannot close it. */
function fence(body: string, lang = ""): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

function partToMarkdown(p: MessagePart): string {
  switch (p.type) {
    case "text":
      return p.text;
    case "reasoning": {
      const secs = p.durationMs ? ` (${Math.round(p.durationMs / 1000)} s)` : "";
      return `<details><summary>Reasoning${secs}</summary>\n\n${p.text}\n\n</details>`;
    }
    case "tool-call": {
      const result = p.result ? `\n\nResult:\n\n${fence(p.result, "json")}` : "";
      return `**Tool call: ${p.name}** (${p.status})\n\n${fence(p.arguments, "json")}${result}`;
    }
    case "image":
      return `![image](${p.url})`;
    case "refusal":
      return `> **Refused:** ${p.text}`;
  }
}

function heading(m: StoredMessage): string {
  if (m.role === "user") return "## User";
  if (m.role === "system") return "## System";
  return `## Assistant${m.model ? ` (${m.model})` : ""}`;
}

export async function exportConversationMarkdown(
  db: Db,
  input: { userId: string; conversationId: string },
): Promise<string> {
  const conv = await getConversation(db, input);
  if (!conv) throw notFound("conversation");
  const path = await getMessagePath(db, input);
  const lines = [
    `# ${conv.title || "Untitled conversation"}`,
    "",
    `Model: ${conv.model} · Created: ${conv.createdAt.toISOString()}`,
  ];
  if (conv.settings.system) lines.push("", "## System prompt", "", conv.settings.system);
  for (const m of path) {
    const note = m.status === "done" ? "" : `\n\n_(${m.status}${m.error ? `: ${m.error.message}` : ""})_`;
    lines.push("", heading(m), "", m.parts.map(partToMarkdown).join("\n\n") + note);
  }
  return `${lines.join("\n")}\n`;
}
