import "server-only";
import type { Db } from "@/lib/db/connect";
import { setConversationTitle } from "@/lib/db/queries/conversations";
import { completeChat, type GatewayConfig } from "@/lib/gateway/client";
import { buildChatRequest } from "@/lib/gateway/request";
import { logger } from "@/lib/observability/logger";
import type { MessagePart } from "@/lib/stream/message-parts";
import type { ChatCompletionRequest } from "@/lib/stream/wire";
import { recordUsage } from "@/lib/usage/record";

/**
 * The instruction for the title call. The demo gateway recognises a system prompt that starts
 * with "Write a short title" (lib/gateway-emulator/title.ts): keep the two in step.
 */
export const TITLE_SYSTEM_PROMPT =
  "Write a short title for the conversation below: at most six words, in the language the user " +
  "wrote in. Reply with the title only, without quotes, markdown or a final full stop.";

const QUESTION_CHARS = 2000;
const ANSWER_CHARS = 1000;
const TITLE_CHARS = 80;
/** A title is a nicety: a gateway that does not answer within this is given up on. */
const TITLE_TIMEOUT_MS = 20_000;

/** The conversation goes in one user message, fenced, so its text reads as data, not orders. */
export function titleRequest(model: string, question: string, answer: string): ChatCompletionRequest {
  const quoted = `<user>\n${question.slice(0, QUESTION_CHARS)}\n</user>\n<assistant>\n${answer.slice(0, ANSWER_CHARS)}\n</assistant>`;
  return buildChatRequest({
    model,
    messages: [{ role: "user", content: quoted }],
    // Room for a model that thinks before it answers; the title itself is a few tokens.
    settings: { system: TITLE_SYSTEM_PROMPT, max_tokens: 256, temperature: 0.3 },
    stream: false,
  });
}

/** Models decorate: "Title: **SSE in short**." becomes "SSE in short". */
export function cleanTitle(raw: string): string {
  const line = raw.split("\n").find((l) => l.trim()) ?? "";
  let t = line
    .trim()
    .replace(/^#+\s*/, "")
    .replace(/^title\s*:\s*/i, "");
  // Quotes, emphasis and a final full stop, in whatever order the model nested them.
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t.replace(/^["'“”‘’*_`\s]+|["'“”‘’*_`\s.。]+$/g, "");
  }
  return t.length > TITLE_CHARS ? `${t.slice(0, TITLE_CHARS - 1).trimEnd()}…` : t;
}

export function answerText(parts: MessagePart[]): string {
  return parts
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("\n");
}

/**
 * Names an untitled conversation after its first answer, with a non-streaming call through the
 * same gateway client and config as the chat. Runs after the turn's stream has closed and never
 * throws: a failed title leaves the conversation untitled (the next answer tries again), and a
 * title the user typed meanwhile wins (onlyIfUntitled).
 */
export async function titleConversation(
  db: Db,
  input: {
    userId: string;
    conversationId: string;
    model: string;
    question: string;
    answer: string;
    generationId?: string;
  },
  gateway: GatewayConfig,
): Promise<string | null> {
  try {
    const completion = await completeChat(titleRequest(input.model, input.question, input.answer), gateway, {
      signal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
    });
    if (completion.usage) {
      await recordUsage(db, {
        userId: input.userId,
        model: input.model,
        kind: "title",
        usage: completion.usage,
        generationId: input.generationId ?? null,
      });
    }
    const title = cleanTitle(completion.choices[0]?.message.content ?? "");
    if (!title) return null;
    const saved = await setConversationTitle(db, {
      userId: input.userId,
      conversationId: input.conversationId,
      title,
      onlyIfUntitled: true,
    });
    return saved ? title : null;
  } catch (e) {
    logger.warn(
      { conversationId: input.conversationId, reason: (e as Error)?.message },
      "conversation keeps no title",
    );
    return null;
  }
}
