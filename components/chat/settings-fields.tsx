"use client";
import { useEffect, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

type Range = { min: number; max: number; step: number; default: number };

/** Checks a typed number against its range; returns the value or the sentence to show. */
export function checkNumber(
  raw: string,
  range: Range,
  integer: boolean,
): { value: number } | { error: string } {
  const text = raw.trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n)) return { error: "Enter a number." };
  if (integer && !Number.isInteger(n)) return { error: "Enter a whole number." };
  if (n < range.min || n > range.max) return { error: `Must be between ${range.min} and ${range.max}.` };
  return { value: n };
}

type NumberFieldProps = {
  label: string;
  name: string;
  hint: string;
  value: number;
  range: Range;
  integer?: boolean;
  onValid: (value: number) => void;
};

/**
 * A number the form refuses when out of range: the field shows why, and the last valid value
 * stays in force, so an invalid value is never sent.
 */
export function NumberField({ label, name, hint, value, range, integer = false, onValid }: NumberFieldProps) {
  const id = useId();
  const [raw, setRaw] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRaw((r) => (Number(r) === value ? r : String(value)));
    setError(null);
  }, [value]);
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <span className="text-xs text-fg-muted">
          {range.min}–{range.max} · default {range.default}
        </span>
      </div>
      <Input
        className="w-full"
        id={id}
        name={name}
        data-testid={`setting-${name}`}
        type="number"
        inputMode={integer ? "numeric" : "decimal"}
        min={range.min}
        max={range.max}
        step={range.step}
        value={raw}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setRaw(e.target.value);
          const r = checkNumber(e.target.value, range, integer);
          if ("error" in r) setError(r.error);
          else {
            setError(null);
            onValid(r.value);
          }
        }}
      />
      <p
        id={`${id}-hint`}
        className={error ? "text-xs text-danger" : "text-xs text-fg-muted"}
        data-testid={error ? `setting-${name}-error` : undefined}
      >
        {error ? `${error} Not applied: ${value} is used.` : hint}
      </p>
    </div>
  );
}

type ToggleFieldProps = {
  label: string;
  name: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
};

export function ToggleField({ label, name, hint, checked, onChange }: ToggleFieldProps) {
  const id = useId();
  return (
    <div className="flex items-start justify-between gap-3">
      <div>
        <span id={id} className="text-sm font-medium">
          {label}
        </span>
        {hint && <p className="text-xs text-fg-muted">{hint}</p>}
      </div>
      <Switch
        data-testid={`setting-${name}`}
        aria-labelledby={id}
        checked={checked}
        onCheckedChange={onChange}
      />
    </div>
  );
}
