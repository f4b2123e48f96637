import { pick, type Rng, shuffle } from "./hash";

/**
 * The demo answer: moderate markdown (~200 words) that echoes the question and exercises every
 * renderer Parley has — a heading, a list, a GFM table, fenced code in two languages, a link.
 * Wording varies with the seeded generator so different prompts do not all look the same.
 */
const STOP = new Set(
  "a about an and are as at be briefly but by can could do does explain for from give how i in is it json me of on or please short tell that the these this to what when where which who why will with would you your".split(
    " ",
  ),
);

/** Up to three distinctive words from the prompt, for the list and the table. */
export function keywords(prompt: string): string[] {
  const words = prompt.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]{2,}/gu) ?? [];
  const unique = [...new Set(words.filter((w) => !STOP.has(w)))];
  return unique.slice(0, 3);
}

export function shortPrompt(prompt: string, max = 80): string {
  const one = prompt.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function titleFor(prompt: string): string {
  const t = shortPrompt(prompt, 60).replace(/[?!.:]+$/, "");
  return t ? t[0]!.toUpperCase() + t.slice(1) : "Your message";
}

const OPENERS = [
  "Here is a compact overview of what you asked about.",
  "Good question — here is a structured answer.",
  "Let me break this down into a few parts.",
  "Here is a short, practical take on it.",
];
const POINTS: [string, string][] = [
  ["Start small", "begin with the smallest example that works, then grow it one step at a time"],
  ["Name the contract", "write down the inputs and outputs before choosing libraries or tools"],
  ["Measure", "measure before optimising, and keep the numbers next to the change"],
  ["Keep data plain", "prefer plain, boring data structures at the edges of the system"],
  ["Failure first", "handle the failure path early: timeouts, retries and empty input"],
  ["One source of truth", "keep one source of truth and derive everything else from it"],
];
const SUMMARIES = [
  "In short, {t} is easiest to reason about when each part has one job and the edges are explicit.",
  "The core of {t} fits in a few lines; most of the real work is in the details around it.",
  "Most questions about {t} come down to the same few trade-offs: simplicity, speed and safety.",
  "A good mental model for {t} is a pipeline: data comes in, is shaped once, and flows out.",
];
const CLOSINGS = [
  "If you share more about your setup, I can tailor the examples to it.",
  "Try the snippets above first; they are small enough to adapt in minutes.",
  "Ask a follow-up if you want a deeper dive into any of the points.",
];
const LINKS = [
  ["MDN Web Docs", "https://developer.mozilla.org/"],
  ["the Python tutorial", "https://docs.python.org/3/tutorial/"],
  ["the TypeScript handbook", "https://www.typescriptlang.org/docs/handbook/intro.html"],
] as const;

export function demoAnswer(prompt: string, model: string, rng: Rng, imageNote: string): string {
  const words = keywords(prompt);
  const topic = words[0] ?? "your question";
  const quoted = shortPrompt(prompt) || "(no text, only attachments)";
  const points = shuffle(rng, POINTS).slice(0, 3);
  const [linkText, linkUrl] = pick(rng, LINKS);
  const fn = topic.replace(/[^\p{L}\p{N}]+/gu, "_").toLowerCase() || "answer";
  const rows = (words.length ? words : ["topic"]).map(
    (w, i) =>
      `| \`${w}\` | ${["core idea", "supporting detail", "worth checking"][i]} | ${Math.round(rng() * 60) + 40}% |`,
  );
  return [
    `## ${titleFor(prompt)}`,
    "",
    `You asked: *"${quoted}"*. ${pick(rng, OPENERS)}${imageNote ? ` ${imageNote}` : ""}`,
    "",
    pick(rng, SUMMARIES).replace("{t}", `**${topic}**`),
    "",
    "### Key points",
    "",
    ...points.map(
      ([label, text], i) => `${i + 1}. **${label}**${words[i] ? ` (\`${words[i]}\`)` : ""} — ${text}.`,
    ),
    "",
    "| Term | Role | Relevance |",
    "| --- | --- | ---: |",
    ...rows,
    "",
    "A minimal sketch in TypeScript:",
    "",
    "```ts",
    `export function ${fn}(input: string): string {`,
    "  // Normalise first so every later step sees the same shape.",
    "  return input.trim().toLowerCase();",
    "}",
    "```",
    "",
    "And the same idea in Python:",
    "",
    "```python",
    `def ${fn}(text: str) -> str:`,
    '    """Normalise first so every later step sees the same shape."""',
    "    return text.strip().lower()",
    "```",
    "",
    `${pick(rng, CLOSINGS)} For more depth, see [${linkText}](${linkUrl}).`,
    "",
    `*Answered by the Parley demo gateway, emulating \`${model}\`.*`,
  ].join("\n");
}
