import type { ChatCompletionRequest, FinishReason, WireToolCall } from "@/lib/stream/wire";
import { demoAnswer, keywords, shortPrompt } from "./demo-text";
import { seededRandom } from "./hash";
import { describeImages, imagesIn } from "./images";
import { longAnswer } from "./long-text";
import { lastUserMessage, type Markers, messageText, stripMarkers } from "./markers";
import { isTitleRequest, titleAnswer } from "./title";
import { plannedCalls, toWireCalls } from "./tool-calls";
import { type ToolResult, toolResultsAnswer, toolTurnsSince } from "./tool-results";

/** Everything one answer will say, before it is cut into chunks or wrapped in a JSON body. */
export type Plan = {
  reasoning: string;
  content: string;
  toolCalls: WireToolCall[];
  finishReason: FinishReason;
};

/** Sonnet 4.6 thinks out loud first (`reasoning_content`); Sonnet 4 does not. */
export const reasons = (model: string) => model === "anthropic/claude-sonnet-4.6";

function reasoningFor(
  prompt: string,
  imageNote: string,
  calls: WireToolCall[],
  results: ToolResult[],
  json: boolean,
) {
  const asked = `The user asked: "${shortPrompt(prompt, 120) || "(attachments only)"}".`;
  if (calls.length) {
    const list = calls.map((c) => `${c.function.name}(${c.function.arguments})`).join(" and ");
    const how =
      calls.length > 1 ? "These are independent, so I'll call them in parallel." : "One call is enough.";
    return `${asked} I can't answer this from memory; I have tools for it. I'll use ${list}. ${how}`;
  }
  if (results.length) {
    return `${asked} The tools returned ${results.length} result${results.length > 1 ? "s" : ""}. I'll quote the values and summarise them clearly.`;
  }
  const topics = keywords(prompt);
  const about = topics.length ? `It's mostly about ${topics.join(", ")}.` : "There isn't much text to go on.";
  const shape = json
    ? "They asked for JSON, so the answer must be a single valid JSON object."
    : "A short heading, a list of key points, a small table and examples in TypeScript and Python should cover it, with a link for further reading.";
  return [asked, about, imageNote, shape].filter(Boolean).join(" ");
}

function jsonAnswer(prompt: string, model: string, results: ToolResult[], imageCount: number): string {
  const body: Record<string, unknown> = {
    question: prompt,
    model,
    answer: results.length
      ? "Summary of the tool results."
      : `A demo answer about ${keywords(prompt)[0] ?? "your question"}.`,
    keywords: keywords(prompt),
  };
  if (imageCount) body.images = imageCount;
  if (results.length) body.tool_results = results.map((r) => ({ name: r.name, result: r.content }));
  return JSON.stringify(body, null, 2);
}

const sameCall = (a: { name: string; arguments: string }, b: WireToolCall) =>
  a.name === b.function.name && a.arguments === b.function.arguments;

export function planAnswer(request: ChatCompletionRequest, markers: Markers, requestHash: string): Plan {
  // A title call gets only the title: no reasoning, no tools, whatever the model.
  if (isTitleRequest(request)) {
    return { reasoning: "", content: titleAnswer(request), toolCalls: [], finishReason: "stop" };
  }
  const { messages, model } = request;
  const lastUser = lastUserMessage(messages);
  const lastUserIndex = lastUser ? messages.lastIndexOf(lastUser) : -1;
  const prompt = stripMarkers(messageText(lastUser));
  const images = imagesIn(lastUser);
  const imageNote = describeImages(images);
  const json = request.response_format?.type === "json_object";
  const rng = seededRandom(requestHash);
  const { calls: made, results } = toolTurnsSince(messages, lastUserIndex);
  const endsWithTool = messages.at(-1)?.role === "tool";

  // Calls the prompt asks for that have not run yet: with parallel_tool_calls:false they come one
  // per turn; a tool forced by tool_choice is called once, then the model answers.
  // `[call:name {…}]` markers name tools outright (any tool the request offers, e.g. an MCP one).
  const offered = new Set((request.tools ?? []).map((t) => t.function.name));
  const forced = request.tool_choice === "none" ? [] : markers.calls.filter((c) => offered.has(c.name));
  let pending = (forced.length ? forced : plannedCalls(request, prompt)).filter(
    (p) => !made.some((m) => sameCall(p, m)),
  );
  if (endsWithTool && typeof request.tool_choice === "object") pending = [];
  if (request.parallel_tool_calls === false) pending = pending.slice(0, 1);
  const toolCalls = toWireCalls(pending, requestHash);
  const answered = endsWithTool ? results : [];

  let content = "";
  if (!toolCalls.length) {
    if (json) content = jsonAnswer(prompt, model, answered, images.length);
    else if (answered.length) content = toolResultsAnswer(shortPrompt(prompt, 120), answered);
    else if (markers.long) content = longAnswer(shortPrompt(prompt, 60), markers.long, rng);
    else content = demoAnswer(prompt, model, rng, imageNote);
  }
  return {
    reasoning: reasons(model) ? reasoningFor(prompt, imageNote, toolCalls, answered, json) : "",
    content,
    toolCalls,
    finishReason: toolCalls.length ? "tool_calls" : "stop",
  };
}
