/**
 * The AI Gateway's wire format (OpenAI-compatible chat completions), as types. Shared by the
 * server and the browser: it holds no secrets and does no I/O. Fields real gateways add beyond
 * the model pages (`reasoning`, `reasoning_details`, `refusal`, `cost`, `provider_metadata`) are
 * typed as optional so nothing has to cast to read them.
 */

export const MODELS = ["anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4.6"] as const;
export type ModelId = (typeof MODELS)[number];

export type TextPart = { type: "text"; text: string };
export type ImagePart = { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } };
export type UserContentPart = TextPart | ImagePart;

export type WireToolCall = {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
};

/** Reasoning detail as sent by gateways that proxy Anthropic thinking (text plus signature). */
export type ReasoningDetail = {
  type: string; // "reasoning.text" | "reasoning.encrypted" | "reasoning.summary" | …
  text?: string;
  summary?: string;
  data?: string;
  signature?: string | null;
  format?: string;
  index?: number;
  id?: string | null;
};

export type SystemMessage = { role: "system"; content: string };
export type UserMessage = { role: "user"; content: string | UserContentPart[] };
export type AssistantMessage = {
  role: "assistant";
  content: string | null;
  tool_calls?: WireToolCall[];
  /** Sent back on the next turn of a tool loop so the provider can verify its own thinking. */
  reasoning?: string;
  reasoning_details?: ReasoningDetail[];
};
export type ToolMessage = { role: "tool"; tool_call_id: string; content: string };
export type WireMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export type WireTool = {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
};

export type ToolChoice = "auto" | "none" | "required" | { type: "function"; function: { name: string } };

export type ChatCompletionRequest = {
  model: string;
  messages: WireMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  tools?: WireTool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: { type: "text" | "json_object" };
};

export type Usage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost?: number;
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown };
  [k: string]: unknown;
};

export type FinishReason =
  | "stop"
  | "length"
  | "tool_calls"
  | "content_filter"
  | "function_call"
  | (string & {});

export type ToolCallDelta = {
  index?: number;
  id?: string | null;
  type?: "function" | "" | null;
  function?: { name?: string | null; arguments?: string | null };
};

export type ChunkDelta = {
  role?: "assistant" | null;
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  reasoning_details?: ReasoningDetail[] | null;
  refusal?: string | null;
  tool_calls?: ToolCallDelta[] | null;
};

export type ChatCompletionChunk = {
  id?: string;
  object?: "chat.completion.chunk";
  created?: number;
  model?: string;
  choices: { index: number; delta: ChunkDelta; finish_reason?: FinishReason | null }[];
  usage?: Usage | null;
  error?: GatewayErrorBody["error"];
};

export type ChatCompletion = {
  id?: string;
  object?: "chat.completion";
  model?: string;
  choices: {
    index: number;
    message: {
      role: "assistant";
      content: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      reasoning_details?: ReasoningDetail[] | null;
      refusal?: string | null;
      tool_calls?: WireToolCall[] | null;
    };
    finish_reason: FinishReason | null;
  }[];
  usage?: Usage;
  error?: GatewayErrorBody["error"];
};

export type GatewayErrorBody = {
  error: { message: string; type?: string; code?: string | number | null; param?: string | null };
};
