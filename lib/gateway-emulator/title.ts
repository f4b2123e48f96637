import type { ChatCompletionRequest } from "@/lib/stream/wire";
import { titleFor } from "./demo-text";
import { lastUserMessage, messageText, stripMarkers } from "./markers";

/**
 * Title requests: a system message that starts "Write a short title" (Parley's, see
 * lib/relay/title.ts). The answer is the title of the quoted question — the text inside
 * `<user>…</user>` when present, else the whole last user message — markers removed, so the same
 * conversation always gets the same title.
 */
const TITLE_ASK = /^\s*write a short title\b/i;

export function isTitleRequest(request: ChatCompletionRequest): boolean {
  return request.messages.some((m) => m.role === "system" && TITLE_ASK.test(m.content));
}

export function titleAnswer(request: ChatCompletionRequest): string {
  const text = messageText(lastUserMessage(request.messages));
  const quoted = /<user>([\s\S]*?)<\/user>/.exec(text)?.[1] ?? text;
  return titleFor(stripMarkers(quoted));
}
