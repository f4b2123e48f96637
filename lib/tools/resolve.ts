import "server-only";
import type { ChatSettings } from "../validations/chat";
import type { Tool } from "./define";
import { builtinToolSet, type ToolSet } from "./registry";

/**
 * The tools one turn offers: the built-ins the settings name, each with the approval the
 * conversation chose for it (or its own default). A tool set to `never` stays in the set, so a
 * call the model makes anyway is refused with words it can read.
 */
export function resolveToolSet(settings: ChatSettings, extra: readonly Tool[] = []): ToolSet {
  const set = builtinToolSet(settings.tools ?? []);
  for (const t of extra) if (!set.has(t.name)) set.set(t.name, t);
  const approvals = settings.tool_approval ?? {};
  for (const [name, tool] of set) {
    const mode = approvals[name];
    if (mode && mode !== tool.approval) set.set(name, { ...tool, approval: mode });
  }
  return set;
}
