/**
 * Turns what the browser sent (messages + settings) into the gateway's request body. Pure: no
 * I/O, no secrets, so the same function serves the relay, title generation and tests.
 *
 * The gateway is OpenAI-compatible; the field list follows the model pages in
 * /work/shared/gateway. Fields the user did not set are left out rather than sent as null, so the
 * gateway applies its own defaults and strict providers do not reject an explicit null.
 */
import type {
  AssistantMessage,
  ChatCompletionRequest,
  ReasoningDetail,
  ToolChoice,
  UserContentPart,
  WireMessage,
  WireTool,
} from "../stream/wire";
import type { ChatMessageInput, ChatSettings } from "../validations/chat";

export type BuildChatRequestInput = {
  model: string;
  /** The conversation; the relay's tool loop appends wire messages it built itself. */
  messages: readonly (ChatMessageInput | WireMessage)[];
  settings: ChatSettings;
  tools?: WireTool[];
  stream: boolean;
};

export function buildChatRequest(input: BuildChatRequestInput): ChatCompletionRequest {
  const { settings } = input;
  const messages: WireMessage[] = [];
  // Whitespace-only prompts would cost tokens and change nothing.
  if (settings.system?.trim()) messages.push({ role: "system", content: settings.system });
  for (const m of input.messages) messages.push(toWireMessage(m));

  const request: ChatCompletionRequest = { model: input.model, messages, stream: input.stream };
  if (settings.temperature !== undefined) request.temperature = settings.temperature;
  if (settings.top_p !== undefined) request.top_p = settings.top_p;
  if (settings.max_tokens !== undefined) request.max_tokens = settings.max_tokens;
  // Without this the final chunk carries no usage, and the UI could not show tokens or cost.
  if (input.stream) request.stream_options = { include_usage: true };

  const tools = input.tools ?? [];
  if (tools.length > 0) {
    request.tools = tools;
    const choice = toolChoiceFor(settings.tool_choice, tools);
    if (choice !== undefined) request.tool_choice = choice;
    // Meaningless (and rejected by some providers) without tools, so only sent alongside them.
    if (settings.parallel_tool_calls !== undefined)
      request.parallel_tool_calls = settings.parallel_tool_calls;
  }
  if (settings.json_mode) request.response_format = { type: "json_object" };
  return request;
}

/**
 * A named tool_choice only makes sense if that tool is offered; naming one that is not makes the
 * provider fail the whole request, so it is dropped and the model chooses freely.
 */
function toolChoiceFor(choice: ToolChoice | undefined, tools: WireTool[]): ToolChoice | undefined {
  if (choice === undefined || typeof choice === "string") return choice;
  return tools.some((t) => t.function.name === choice.function.name) ? choice : undefined;
}

function toWireMessage(m: ChatMessageInput | WireMessage): WireMessage {
  switch (m.role) {
    case "system":
      return { role: "system", content: m.content };
    case "user":
      return { role: "user", content: typeof m.content === "string" ? m.content : m.content.map(toPart) };
    case "tool":
      return { role: "tool", tool_call_id: m.tool_call_id, content: m.content };
    case "assistant":
      return toAssistant(m);
  }
}

function toPart(p: UserContentPart): UserContentPart {
  if (p.type === "text") return { type: "text", text: p.text };
  const image: UserContentPart = { type: "image_url", image_url: { url: p.image_url.url } };
  if (p.image_url.detail) image.image_url.detail = p.image_url.detail;
  return image;
}

function toAssistant(
  m: AssistantMessage | Extract<ChatMessageInput, { role: "assistant" }>,
): AssistantMessage {
  const hasCalls = m.tool_calls !== undefined && m.tool_calls.length > 0;
  // Anthropic rejects an empty text block; a tool-calling turn with no words is content: null.
  const out: AssistantMessage = { role: "assistant", content: hasCalls && !m.content ? null : m.content };
  if (m.tool_calls && hasCalls) {
    out.tool_calls = m.tool_calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.function.name, arguments: c.function.arguments },
    }));
  }
  // Anthropic verifies its own thinking on the next turn of a tool loop: the reasoning and its
  // signed details go back exactly as they came.
  if (m.reasoning) out.reasoning = m.reasoning;
  if (m.reasoning_details && m.reasoning_details.length > 0) {
    out.reasoning_details = m.reasoning_details as ReasoningDetail[];
  }
  return out;
}
