/**
 * Small, allocation-light checks on raw event data so the hot path does not JSON.parse twice
 * (the assembler parses each chunk once already).
 */

/** True for `{"error": …}` bodies sent inside a 200 stream. */
export function isErrorOnly(data: string): boolean {
  return data.startsWith('{"error"') || (data.includes('"error"') && /^\s*\{\s*"error"\s*:/.test(data));
}

/**
 * A gateway that ignores `stream: true` answers with one `chat.completion` JSON body. The browser
 * only understands chunks, so the message is re-expressed as one chunk whose delta is the message.
 */
export function completionToChunk(data: string): string {
  if (!data.includes('"chat.completion"') && !data.includes('"message"')) return data;
  try {
    const body = JSON.parse(data) as {
      object?: string;
      choices?: { index?: number; message?: Record<string, unknown>; finish_reason?: string | null }[];
    };
    if (body.object === "chat.completion.chunk") return data;
    const choices = body.choices;
    if (!Array.isArray(choices) || !choices.some((c) => c && typeof c.message === "object")) return data;
    const toolCalls = (choices[0]?.message?.tool_calls ?? null) as { index?: number }[] | null;
    return JSON.stringify({
      ...body,
      object: "chat.completion.chunk",
      choices: choices.map((c, i) => ({
        index: c.index ?? i,
        delta: {
          ...c.message,
          tool_calls: toolCalls && i === 0 ? toolCalls.map((t, index) => ({ index, ...t })) : undefined,
        },
        finish_reason: c.finish_reason ?? null,
      })),
    });
  } catch {
    return data;
  }
}
