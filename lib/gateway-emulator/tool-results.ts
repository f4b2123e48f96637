import type { WireMessage, WireToolCall } from "@/lib/stream/wire";

/**
 * The turn after tools ran: the conversation ends with `role:"tool"` messages, and the answer
 * quotes their values so a test (or a person) can see the results made it back to the model.
 */
export type ToolResult = { name: string; arguments: string; content: string };

/** Tool calls and results since the last user message, results paired with their calls by id. */
export function toolTurnsSince(messages: WireMessage[], lastUserIndex: number) {
  const after = messages.slice(lastUserIndex + 1);
  const calls: WireToolCall[] = after.flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []) : []));
  const results: ToolResult[] = after.flatMap((m) => {
    if (m.role !== "tool") return [];
    const call = calls.find((c) => c.id === m.tool_call_id);
    const content = typeof m.content === "string" ? m.content : JSON.stringify(m.content);
    return [{ name: call?.function.name ?? "tool", arguments: call?.function.arguments ?? "{}", content }];
  });
  return { calls, results };
}

function valueText(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** "key: value" pairs of a JSON object result, or the text itself. */
export function quoteResult(content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return Object.entries(parsed)
        .slice(0, 8)
        .map(([k, v]) => `${k}: ${valueText(v)}`)
        .join(", ");
    }
    return valueText(parsed);
  } catch {
    return valueText(content);
  }
}

function argsSummary(args: string): string {
  try {
    const values = Object.values(JSON.parse(args) as Record<string, unknown>);
    return values.length ? values.map((v) => valueText(v)).join(", ") : "no arguments";
  } catch {
    return args;
  }
}

export function toolResultsAnswer(prompt: string, results: ToolResult[]): string {
  const lines = results.map(
    (r) => `- **${r.name}** (${argsSummary(r.arguments)}): ${quoteResult(r.content)}`,
  );
  const rows = results.map(
    (r) =>
      `| \`${r.name}\` | ${argsSummary(r.arguments).replace(/\|/g, "\\|")} | ${quoteResult(r.content).replace(/\|/g, "\\|")} |`,
  );
  return [
    "## Results",
    "",
    `Here is what the tools returned for *"${prompt || "your request"}"*:`,
    "",
    ...lines,
    "",
    "| Tool | Input | Result |",
    "| --- | --- | --- |",
    ...rows,
    "",
    results.length > 1
      ? "All calls finished; the values above are quoted as returned."
      : "The value above is quoted as returned.",
  ].join("\n");
}
