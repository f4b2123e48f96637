/**
 * Makes the open end of a streaming answer safe to render: markdown that is only half written
 * must not flash as raw syntax and then jump into shape. Applied to the tail block only.
 *  - a half-written link or image `[text](http://exa` shows its text until the `)` arrives;
 *  - an unclosed `**`, `~~` or inline code span is closed for now;
 *  - table rows before the delimiter row (`| --- |`) is complete are held back.
 * Inside an open code fence nothing is touched (an unclosed fence renders as code already).
 */
const OPEN_FENCE = /^\s*(`{3,}|~{3,})/;

function insideOpenFence(text: string): boolean {
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const m = OPEN_FENCE.exec(line)?.[1];
    if (!m) continue;
    if (!fence) fence = m;
    else if (m[0] === fence[0] && m.length >= fence.length && !line.trim().slice(m.length)) fence = null;
  }
  return fence !== null;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

function holdBackTableStart(text: string): string {
  const lines = text.split("\n");
  // Find the trailing run of lines that look like table rows.
  let i = lines.length;
  while (i > 0 && /^\s*\|/.test(lines[i - 1] ?? "")) i--;
  if (i === lines.length) return text;
  const run = lines.slice(i);
  const hasDelimiter =
    run.length >= 2 && DELIMITER_ROW.test(run[1] ?? "") && /-\s*\|?\s*$/.test(run[1] ?? "");
  const headerCells = (run[0] ?? "").split("|").length;
  const delimiterDone = hasDelimiter && (run.length > 2 || (run[1] ?? "").split("|").length >= headerCells);
  if (delimiterDone) return text;
  return lines.slice(0, i).join("\n");
}

function closeInline(line: string): string {
  let out = line;
  // Half-written link or image at the end of the line: keep only its text.
  out = out.replace(/!?\[([^\]]*)\]?(\([^)\s]*)?$/, (_whole, label: string) => label);
  const ticks = (out.match(/`/g) ?? []).length;
  if (ticks % 2 === 1) out += "`";
  if (ticks % 2 === 0) {
    const withoutCode = out.replace(/`[^`]*`/g, "");
    if ((withoutCode.match(/\*\*/g) ?? []).length % 2 === 1) out += out.endsWith("**") ? "" : "**";
    if ((withoutCode.match(/~~/g) ?? []).length % 2 === 1) out += "~~";
  }
  return out;
}

export function repairTail(text: string): string {
  if (insideOpenFence(text)) return text;
  let out = holdBackTableStart(text);
  const lastNl = out.lastIndexOf("\n");
  const last = out.slice(lastNl + 1);
  if (last && !/^\s*\|/.test(last)) out = out.slice(0, lastNl + 1) + closeInline(last);
  return out;
}
