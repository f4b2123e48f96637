"use client";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { type SettingsValues, type ToolChoiceSetting, useSettingsStore } from "@/lib/client/settings-store";
import { BUILTIN_TOOL_LABELS, BUILTIN_TOOL_NAMES } from "@/lib/tools/catalog";
import { LIMITS, PARAM_RANGES } from "@/lib/validations/chat-limits";
import { ApprovalSelect } from "./approval-select";
import { ExtraToolsList } from "./extra-tools-list";
import { NumberField, ToggleField } from "./settings-fields";

/**
 * Every request field of the conversation, with its default visible. Changes apply to the next
 * message. Loaded the first time the settings panel opens (see ./settings-panel).
 */
export function SettingsForm() {
  const values = useSettingsStore((s) => s.values);
  const save = useSettingsStore((s) => s.save);
  const reset = useSettingsStore((s) => s.reset);
  const systemId = useId();
  const choiceId = useId();
  const set = <K extends keyof SettingsValues>(key: K, v: SettingsValues[K]) => save({ ...values, [key]: v });
  const toggleTool = (name: (typeof BUILTIN_TOOL_NAMES)[number], on: boolean) => {
    const tools = on ? [...values.tools, name] : values.tools.filter((t) => t !== name);
    const toolChoice = !on && values.toolChoice === name ? "auto" : values.toolChoice;
    save({ ...values, tools: BUILTIN_TOOL_NAMES.filter((t) => tools.includes(t)), toolChoice });
  };

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <Label htmlFor={systemId}>System prompt</Label>
        <Textarea
          id={systemId}
          data-testid="setting-system"
          rows={4}
          maxLength={LIMITS.systemChars}
          value={values.system}
          placeholder="None (default)"
          onChange={(e) => set("system", e.target.value)}
        />
      </div>
      <NumberField
        label="Temperature"
        name="temperature"
        hint="Higher is more varied."
        value={values.temperature}
        range={PARAM_RANGES.temperature}
        onValid={(v) => set("temperature", v)}
      />
      <NumberField
        label="top_p"
        name="top_p"
        hint="Nucleus sampling; 1 considers every token."
        value={values.top_p}
        range={PARAM_RANGES.top_p}
        onValid={(v) => set("top_p", v)}
      />
      <NumberField
        label="Max tokens"
        name="max_tokens"
        hint="Longest answer, in tokens."
        value={values.max_tokens}
        range={PARAM_RANGES.max_tokens}
        integer
        onValid={(v) => set("max_tokens", v)}
      />
      <ToggleField
        label="JSON mode"
        name="json_mode"
        hint="Ask for a JSON object (response_format: json_object)."
        checked={values.jsonMode}
        onChange={(v) => set("jsonMode", v)}
      />
      <fieldset className="space-y-3 rounded-lg border border-border p-3">
        <legend className="px-1 text-sm font-medium">Tools</legend>
        <ToggleField
          label="Let the model use tools"
          name="tools"
          checked={values.toolsEnabled}
          onChange={(v) => set("toolsEnabled", v)}
        />
        <div className="space-y-1.5" aria-disabled={!values.toolsEnabled}>
          {BUILTIN_TOOL_NAMES.map((name) => (
            <label key={name} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                data-testid={`setting-tool-${name}`}
                checked={values.tools.includes(name)}
                disabled={!values.toolsEnabled}
                onChange={(e) => toggleTool(name, e.target.checked)}
              />
              {BUILTIN_TOOL_LABELS[name]} <code className="text-xs text-fg-muted">{name}</code>
              <ApprovalSelect
                name={name}
                value={values.toolApproval[name] ?? "always"}
                disabled={!values.toolsEnabled}
                onChange={(mode) => set("toolApproval", { ...values.toolApproval, [name]: mode })}
              />
            </label>
          ))}
        </div>
        <ExtraToolsList values={values} save={save} />
        <div className="space-y-1">
          <Label htmlFor={choiceId}>tool_choice</Label>
          <Select
            id={choiceId}
            data-testid="setting-tool_choice"
            className="w-full"
            disabled={!values.toolsEnabled}
            value={values.toolChoice}
            onChange={(e) => set("toolChoice", e.target.value as ToolChoiceSetting)}
          >
            <option value="auto">auto (default): the model decides</option>
            <option value="none">none: never call a tool</option>
            <option value="required">required: must call a tool</option>
            {values.tools.map((t) => (
              <option key={t} value={t}>
                always {t}
              </option>
            ))}
          </Select>
        </div>
        <ToggleField
          label="Parallel tool calls"
          name="parallel_tool_calls"
          hint="Several calls in one step (default on)."
          checked={values.parallelToolCalls}
          onChange={(v) => set("parallelToolCalls", v)}
        />
      </fieldset>
      <Button variant="outline" size="sm" onClick={reset} data-testid="settings-reset">
        Reset to defaults
      </Button>
    </div>
  );
}
