/** Usage rows as CSV (RFC 4180), one row per day, user and model. Pure. */

export type CsvUsageRow = {
  day: string;
  userId: string;
  userName: string;
  model: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  costUsd: number;
};

export const USAGE_CSV_HEADER = [
  "day",
  "user_id",
  "user_name",
  "model",
  "requests",
  "prompt_tokens",
  "completion_tokens",
  "reasoning_tokens",
  "cost_usd",
] as const;

/** Quotes a field when needed; a leading =, +, - or @ is defused so spreadsheets do not run it. */
function field(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function usageCsv(rows: CsvUsageRow[]): string {
  const lines = [USAGE_CSV_HEADER.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.day,
        r.userId,
        r.userName,
        r.model,
        r.requests,
        r.promptTokens,
        r.completionTokens,
        r.reasoningTokens,
        r.costUsd.toFixed(6),
      ]
        .map(field)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
