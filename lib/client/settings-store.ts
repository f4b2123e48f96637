"use client";
import { create } from "zustand";
import type { ApprovalMode } from "@/lib/tools/approval";
import { BUILTIN_TOOL_NAMES, type BuiltinToolName } from "@/lib/tools/catalog";
import type { ChatSettings } from "@/lib/validations/chat";
import { PARAM_RANGES } from "@/lib/validations/chat-limits";

export type ToolChoiceSetting = "auto" | "none" | "required" | BuiltinToolName;

/** The conversation's request settings as the form edits them. */
export type SettingsValues = {
  system: string;
  temperature: number;
  top_p: number;
  max_tokens: number;
  toolsEnabled: boolean;
  tools: BuiltinToolName[];
  toolChoice: ToolChoiceSetting;
  parallelToolCalls: boolean;
  jsonMode: boolean;
  /** MCP and user-defined tools enabled here (`mcp:<server>:<tool>`, `user:<id>`). */
  extraTools: string[];
  /** Per tool name: run at once, ask first, or never. Absent: the tool's default. */
  toolApproval: Record<string, ApprovalMode>;
};

export const DEFAULT_SETTINGS: SettingsValues = {
  system: "",
  temperature: PARAM_RANGES.temperature.default,
  top_p: PARAM_RANGES.top_p.default,
  max_tokens: PARAM_RANGES.max_tokens.default,
  toolsEnabled: true,
  tools: [...BUILTIN_TOOL_NAMES],
  toolChoice: "auto",
  parallelToolCalls: true,
  jsonMode: false,
  extraTools: [],
  toolApproval: {},
};

type SettingsState = {
  values: SettingsValues;
  /** Applies values the form has already validated. */
  save: (values: SettingsValues) => void;
  reset: () => void;
};

export const useSettingsStore = create<SettingsState>((set) => ({
  values: DEFAULT_SETTINGS,
  save: (values) => set({ values }),
  reset: () => set({ values: DEFAULT_SETTINGS }),
}));

/** The `settings` object of POST /api/chat. */
export function toRequestSettings(v: SettingsValues): ChatSettings {
  const tools = v.toolsEnabled ? v.tools : [];
  const extra = v.toolsEnabled ? v.extraTools : [];
  const settings: ChatSettings = {
    temperature: v.temperature,
    top_p: v.top_p,
    max_tokens: v.max_tokens,
    tools,
    json_mode: v.jsonMode,
  };
  if (v.system.trim()) settings.system = v.system;
  if (extra.length > 0) settings.extra_tools = extra;
  if (tools.length + extra.length > 0) {
    if (Object.keys(v.toolApproval).length > 0) settings.tool_approval = v.toolApproval;
    settings.parallel_tool_calls = v.parallelToolCalls;
    settings.tool_choice =
      v.toolChoice === "auto" || v.toolChoice === "none" || v.toolChoice === "required"
        ? v.toolChoice
        : { type: "function", function: { name: v.toolChoice } };
  }
  return settings;
}
