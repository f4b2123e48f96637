/**
 * `npm run gateway:assemble -- FILE [FILE …]` reads a recorded gateway body (raw SSE, or a JSON
 * completion) and prints what Parley assembles from it, one JSON object per file:
 * {"content", "reasoning", "tool_calls": [{"id","name","arguments"}], "finish_reason", "usage", "error"}.
 * It runs the same pure module as the relay and the browser (lib/stream/assembler.ts).
 */
import { readFileSync } from "node:fs";
import { assembleText } from "../lib/stream/assembler";

const files = process.argv.slice(2).filter((a) => a !== "--");
if (files.length === 0) {
  console.error(
    "usage: npm run gateway:assemble -- FILE [FILE …]   (a recorded .sse or .json body; - for stdin)",
  );
  process.exit(2);
}

for (const file of files) {
  const body = readFileSync(file === "-" ? 0 : file, "utf8");
  const m = assembleText(body);
  const out = {
    content: m.content,
    reasoning: m.reasoning,
    tool_calls: m.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })),
    finish_reason: m.finishReason,
    usage: m.usage,
    error: m.error,
  };
  console.log(JSON.stringify(out));
}
