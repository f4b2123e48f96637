"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { compareApi } from "@/lib/client/compare/api";
import { MODELS } from "@/lib/stream/wire";
import { BUILTIN_TOOL_LABELS, BUILTIN_TOOL_NAMES, type BuiltinToolName } from "@/lib/tools/catalog";
import { COMPARE_LIMITS, type ColumnParams, THINKING_MODELS } from "@/lib/validations/compare";
import { shortModel } from "./format";

type ColumnDraft = { model: (typeof MODELS)[number]; params: ColumnParams };

const field = "h-8 w-full rounded-md border border-border bg-bg px-2 text-sm";
const num = (v: string) => (v.trim() === "" ? undefined : Number(v));

function ColumnForm({
  index,
  column,
  onChange,
  onRemove,
}: {
  index: number;
  column: ColumnDraft;
  onChange: (c: ColumnDraft) => void;
  onRemove?: () => void;
}) {
  const set = (params: Partial<ColumnParams>) =>
    onChange({ ...column, params: { ...column.params, ...params } });
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-border p-3" data-testid="setup-column">
      <legend className="px-1 text-sm font-medium">Column {index + 1}</legend>
      <label className="text-xs text-fg-muted">
        Model
        <select
          className={field}
          aria-label={`Column ${index + 1} model`}
          value={column.model}
          onChange={(e) => onChange({ ...column, model: e.target.value as ColumnDraft["model"] })}
        >
          {MODELS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-3 gap-2">
        <label className="text-xs text-fg-muted">
          Temperature
          <input
            className={field}
            type="number"
            min={0}
            max={1}
            step={0.05}
            placeholder="default"
            value={column.params.temperature ?? ""}
            onChange={(e) => set({ temperature: num(e.target.value) })}
          />
        </label>
        <label className="text-xs text-fg-muted">
          top_p
          <input
            className={field}
            type="number"
            min={0}
            max={1}
            step={0.01}
            placeholder="default"
            value={column.params.top_p ?? ""}
            onChange={(e) => set({ top_p: num(e.target.value) })}
          />
        </label>
        <label className="text-xs text-fg-muted">
          Max tokens
          <input
            className={field}
            type="number"
            min={1}
            max={64000}
            placeholder="default"
            value={column.params.max_tokens ?? ""}
            onChange={(e) => set({ max_tokens: num(e.target.value) })}
          />
        </label>
      </div>
      {THINKING_MODELS.includes(column.model) && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={column.params.reasoning !== false}
            onChange={(e) => set({ reasoning: e.target.checked ? undefined : false })}
          />
          Reasoning (off asks the model not to think at length)
        </label>
      )}
      {onRemove && (
        <Button variant="ghost" size="sm" className="self-start" onClick={onRemove}>
          Remove column
        </Button>
      )}
    </fieldset>
  );
}

/** /compare: set up a new comparison (2–4 columns, shared settings, blind or not) and the saved ones. */
export function CompareSetup() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [blind, setBlind] = useState(false);
  const [system, setSystem] = useState("");
  const [tools, setTools] = useState<BuiltinToolName[]>([]);
  const [jsonMode, setJsonMode] = useState(false);
  const [columns, setColumns] = useState<ColumnDraft[]>([
    { model: "anthropic/claude-sonnet-4", params: {} },
    { model: "anthropic/claude-sonnet-4.6", params: {} },
  ]);
  const saved = useQuery({ queryKey: ["comparisons"], queryFn: compareApi.list });
  const create = useMutation({
    mutationFn: () =>
      compareApi.create({
        title: title.trim() || undefined,
        blind,
        columns: blind ? columns.slice(0, 2) : columns,
        shared: { system: system.trim() || undefined, tools, json_mode: jsonMode },
      }),
    onSuccess: ({ id }) => router.push(`/compare/${id}`),
  });
  const shown = blind ? columns.slice(0, 2) : columns;

  return (
    <main className="mx-auto flex w-full max-w-5xl flex-col gap-6 p-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-xl font-semibold">Compare models</h1>
        <Link href="/compare/leaderboard" className="text-sm text-primary underline-offset-4 hover:underline">
          Leaderboard
        </Link>
        <Link href="/" className="text-sm text-primary underline-offset-4 hover:underline">
          Back to chat
        </Link>
      </header>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="text-xs text-fg-muted">
            Title
            <input
              className={field}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="Untitled"
            />
          </label>
          <label className="flex items-center gap-2 self-end text-sm">
            <input
              type="checkbox"
              data-testid="setup-blind"
              checked={blind}
              onChange={(e) => setBlind(e.target.checked)}
            />
            Blind: label the two columns A and B in random order, models hidden until I vote
          </label>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          {shown.map((c, i) => (
            <ColumnForm
              key={i}
              index={i}
              column={c}
              onChange={(next) => setColumns(columns.map((x, j) => (j === i ? next : x)))}
              onRemove={
                columns.length > COMPARE_LIMITS.columns.min && !blind
                  ? () => setColumns(columns.filter((_, j) => j !== i))
                  : undefined
              }
            />
          ))}
        </div>
        {!blind && columns.length < COMPARE_LIMITS.columns.max && (
          <Button
            variant="outline"
            className="self-start"
            data-testid="setup-add-column"
            onClick={() => setColumns([...columns, { model: "anthropic/claude-sonnet-4", params: {} }])}
          >
            Add a column
          </Button>
        )}
        <fieldset className="flex flex-col gap-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">Shared by every column</legend>
          <label className="text-xs text-fg-muted">
            System prompt
            <textarea
              className="min-h-16 w-full rounded-md border border-border bg-bg p-2 text-sm"
              value={system}
              onChange={(e) => setSystem(e.target.value)}
            />
          </label>
          <div className="flex flex-wrap gap-4 text-sm">
            {BUILTIN_TOOL_NAMES.map((t) => (
              <label key={t} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={tools.includes(t)}
                  onChange={(e) => setTools(e.target.checked ? [...tools, t] : tools.filter((x) => x !== t))}
                />
                {BUILTIN_TOOL_LABELS[t]}
              </label>
            ))}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={jsonMode} onChange={(e) => setJsonMode(e.target.checked)} />
              JSON mode
            </label>
          </div>
        </fieldset>
        {create.isError && (
          <p role="alert" className="text-sm text-danger">
            {create.error.message}
          </p>
        )}
        <Button type="submit" className="self-start" disabled={create.isPending} data-testid="setup-create">
          Start comparing
        </Button>
      </form>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium">Saved comparisons</h2>
        {saved.data?.comparisons.length === 0 && <p className="text-sm text-fg-muted">None yet.</p>}
        <ul className="flex flex-col gap-1" data-testid="saved-comparisons">
          {saved.data?.comparisons.map((c) => (
            <li key={c.id}>
              <Link
                href={`/compare/${c.id}`}
                className="text-sm text-primary underline-offset-4 hover:underline"
              >
                {c.title || "Untitled comparison"}
              </Link>{" "}
              <span className="text-xs text-fg-muted">
                {c.models ? c.models.map(shortModel).join(" · ") : `blind, ${c.columns} columns`} ·{" "}
                {new Date(c.updatedAt).toLocaleString()}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
