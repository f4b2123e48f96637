/**
 * Server rows → the chat page's shapes, so a conversation opened from its URL renders exactly as
 * it did while streaming: same parts, same footer, same settings form.
 */
import type { MessageMeta } from "@/lib/stream/message-parts";
import { type FinishReason, MODELS, type ModelId } from "@/lib/stream/wire";
import { BUILTIN_TOOL_NAMES, type BuiltinToolName } from "@/lib/tools/catalog";
import type { ChatSettings } from "@/lib/validations/chat";
import type { ChatMessage } from "./chat-types";
import type { MessageRecord } from "./conversations-api";
import { DEFAULT_SETTINGS, type SettingsValues, type ToolChoiceSetting } from "./settings-store";

export function asModelId(model: string | null | undefined): ModelId | undefined {
  return (MODELS as readonly string[]).includes(model ?? "") ? (model as ModelId) : undefined;
}

/** System messages (imported histories can hold them) are not shown; null for those. */
export function chatMessageFromStored(m: MessageRecord, jsonMode: boolean): ChatMessage | null {
  if (m.role !== "user" && m.role !== "assistant") return null;
  const meta: MessageMeta = {
    ...(m.model ? { model: m.model } : {}),
    usage: m.usage ?? null,
    ...(m.ttftMs !== null ? { ttftMs: m.ttftMs } : {}),
    ...(m.totalMs !== null ? { totalMs: m.totalMs } : {}),
    finishReason: (m.finishReason as FinishReason | null) ?? null,
    truncated: m.finishReason === "length",
    error: m.error ?? null,
    ...(m.droppedMessages ? { droppedMessages: m.droppedMessages } : {}),
  };
  return {
    id: m.id,
    role: m.role,
    parts: m.parts,
    status: m.status,
    ...(m.role === "assistant" ? { meta, model: asModelId(m.model), jsonMode } : {}),
    createdAt: Date.parse(m.createdAt),
    branch: { parentId: m.parentId, siblingIds: m.siblingIds, index: m.siblingIndex },
  };
}

/** The inverse of toRequestSettings: what the settings form shows for stored settings. */
export function settingsFromStored(s: ChatSettings): SettingsValues {
  // Nothing stored (created elsewhere, or imported): the defaults, as a new chat would use.
  if (Object.keys(s).length === 0) return DEFAULT_SETTINGS;
  const tools = (s.tools ?? []).filter((t): t is BuiltinToolName => BUILTIN_TOOL_NAMES.includes(t));
  const choice = s.tool_choice;
  const toolChoice: ToolChoiceSetting =
    typeof choice === "object" ? choice.function.name : (choice ?? DEFAULT_SETTINGS.toolChoice);
  return {
    system: s.system ?? DEFAULT_SETTINGS.system,
    temperature: s.temperature ?? DEFAULT_SETTINGS.temperature,
    top_p: s.top_p ?? DEFAULT_SETTINGS.top_p,
    max_tokens: s.max_tokens ?? DEFAULT_SETTINGS.max_tokens,
    // No tools were sent: the switch is off, and the list keeps every tool for switching back on.
    toolsEnabled: tools.length > 0 || (s.extra_tools?.length ?? 0) > 0,
    tools: tools.length > 0 || s.extra_tools?.length ? tools : DEFAULT_SETTINGS.tools,
    toolChoice,
    parallelToolCalls: s.parallel_tool_calls ?? DEFAULT_SETTINGS.parallelToolCalls,
    jsonMode: s.json_mode ?? DEFAULT_SETTINGS.jsonMode,
    extraTools: s.extra_tools ?? DEFAULT_SETTINGS.extraTools,
    toolApproval: s.tool_approval ?? DEFAULT_SETTINGS.toolApproval,
  };
}
