import { pick, type Rng } from "./hash";

/**
 * `[long:N]`: an answer of about N tokens (≈ 4N characters) for benchmarks and scrolling tests.
 * It mixes what makes rendering expensive — prose, lists, fenced code (at most 8 blocks, in
 * several languages) and GFM tables (at most 3) — so a large N looks like a real long answer.
 */
const SENTENCES = [
  "Streaming keeps the interface responsive because each token is shown as soon as it arrives.",
  "A relay should forward bytes without buffering, and it should notice when the reader leaves.",
  "Retries belong before the first byte; after that, the partial answer is worth keeping.",
  "Markdown rendering is cheapest when finished blocks are not parsed again on every delta.",
  "Backpressure matters: a slow client must not make the server hold the whole answer in memory.",
  "Tables and code blocks are the expensive parts, so they deserve their own memoised components.",
  "Timeouts should be measured from the last byte received, not from the start of the request.",
  "Usage numbers arrive at the end, which is why the final chunk must never be dropped.",
];
const CODE: [string, string][] = [
  [
    "ts",
    "export async function* lines(body: ReadableStream<Uint8Array>) {\n  const decoder = new TextDecoder();\n  for await (const bytes of body) yield decoder.decode(bytes, { stream: true });\n}",
  ],
  [
    "python",
    "def chunks(text: str, size: int = 12):\n    for i in range(0, len(text), size):\n        yield text[i : i + size]",
  ],
  [
    "bash",
    'curl -N "$BASE_URL/chat/completions" \\\n  -H "Authorization: Bearer $KEY" \\\n  -d \'{"model":"anthropic/claude-sonnet-4","stream":true}\'',
  ],
  [
    "json",
    '{\n  "model": "anthropic/claude-sonnet-4.6",\n  "stream": true,\n  "stream_options": { "include_usage": true }\n}',
  ],
  [
    "go",
    'func main() {\n\tresp, err := http.Get("http://127.0.0.1:8080/v1/models")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tdefer resp.Body.Close()\n}',
  ],
  ["rust", "fn tokens(text: &str) -> usize {\n    (text.chars().count() + 3) / 4\n}"],
  [
    "sql",
    "select conversation_id, count(*) as messages\nfrom messages\ngroup by conversation_id\norder by messages desc\nlimit 10;",
  ],
  ["css", ".message pre {\n  overflow-x: auto;\n  padding: 0.75rem;\n  border-radius: 0.5rem;\n}"],
];

function prose(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => pick(rng, SENTENCES)).join(" ");
}

function table(rng: Rng, k: number): string {
  const rows = Array.from({ length: 5 }, (_, i) => {
    const ms = Math.round(rng() * 900) + 50;
    return `| step ${k}.${i + 1} | ${ms} ms | ${Math.round(rng() * 100)}% | ${rng() > 0.5 ? "ok" : "retry"} |`;
  });
  return ["| Step | Latency | Share | Status |", "| --- | ---: | ---: | --- |", ...rows].join("\n");
}

export function longAnswer(prompt: string, tokens: number, rng: Rng): string {
  const target = tokens * 4;
  const parts = [`# Long answer: ${prompt || "streaming"}`, prose(rng, 3)];
  let length = parts.join("\n\n").length;
  let code = 0;
  let tables = 0;
  for (let i = 0; length < target; i++) {
    const kind = i % 4;
    let part: string;
    if (kind === 1 && code < CODE.length) {
      const [lang, body] = CODE[code++]!;
      part = `### Example ${code}\n\n\`\`\`${lang}\n${body}\n\`\`\``;
    } else if (kind === 3 && tables < 3 && i >= 3) {
      part = `### Measurements ${++tables}\n\n${table(rng, tables)}`;
    } else if (kind === 2) {
      part = Array.from({ length: 4 }, (_, j) => `- **Point ${i}.${j + 1}:** ${pick(rng, SENTENCES)}`).join(
        "\n",
      );
    } else {
      part = prose(rng, 4);
    }
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join("\n\n");
}
