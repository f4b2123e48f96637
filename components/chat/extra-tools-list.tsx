"use client";
import Link from "next/link";
import { useExtraTools } from "@/lib/client/extra-tools";
import type { SettingsValues } from "@/lib/client/settings-store";
import { ApprovalSelect } from "./approval-select";

/**
 * The MCP and user-defined tools this person has, each enabled per conversation with its own
 * approval (MCP and user tools ask first unless set otherwise).
 */
export function ExtraToolsList({
  values,
  save,
}: {
  values: SettingsValues;
  save: (values: SettingsValues) => void;
}) {
  const tools = useExtraTools();
  const toggle = (ref: string, on: boolean) =>
    save({
      ...values,
      extraTools: on ? [...new Set([...values.extraTools, ref])] : values.extraTools.filter((r) => r !== ref),
    });
  return (
    <div className="space-y-1.5" data-testid="extra-tools" aria-disabled={!values.toolsEnabled}>
      {tools.map((t) => (
        <label key={t.ref} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            data-testid={`setting-tool-${t.wireName}`}
            checked={values.extraTools.includes(t.ref)}
            disabled={!values.toolsEnabled}
            onChange={(e) => toggle(t.ref, e.target.checked)}
          />
          <span className="min-w-0 truncate" title={t.description}>
            {t.label}
          </span>
          <ApprovalSelect
            name={t.wireName}
            value={values.toolApproval[t.wireName] ?? "ask"}
            disabled={!values.toolsEnabled}
            onChange={(mode) =>
              save({ ...values, toolApproval: { ...values.toolApproval, [t.wireName]: mode } })
            }
          />
        </label>
      ))}
      <Link href="/tools" className="text-xs text-primary underline" data-testid="manage-tools">
        MCP servers and your own tools…
      </Link>
    </div>
  );
}
