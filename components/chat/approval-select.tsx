"use client";
import { APPROVAL_MODES, type ApprovalMode } from "@/lib/tools/approval";

const LABELS: Record<ApprovalMode, string> = { always: "always run", ask: "ask first", never: "never" };

/** Per tool: run when the model calls it, ask the user first (Run / Deny on the card), or never. */
export function ApprovalSelect({
  name,
  value,
  disabled,
  onChange,
}: {
  name: string;
  value: ApprovalMode;
  disabled?: boolean;
  onChange: (mode: ApprovalMode) => void;
}) {
  return (
    <select
      aria-label={`When ${name} may run`}
      data-testid={`setting-approval-${name}`}
      className="ml-auto rounded border border-border bg-bg px-1 py-0.5 text-xs"
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as ApprovalMode)}
    >
      {APPROVAL_MODES.map((m) => (
        <option key={m} value={m}>
          {LABELS[m]}
        </option>
      ))}
    </select>
  );
}
