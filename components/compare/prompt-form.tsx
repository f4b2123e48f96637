"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Attachment } from "@/lib/client/chat-types";
import { ImageRejectedError, prepareImage } from "@/lib/client/image-downscale";
import type { RunBatch } from "@/lib/validations/compare";

/** The shared prompt (with images), how many times to run it, and how. */
export function PromptForm({
  busy,
  followUp,
  onRun,
}: {
  busy: boolean;
  followUp: boolean;
  onRun: (body: RunBatch) => Promise<unknown>;
}) {
  const [text, setText] = useState("");
  const [images, setImages] = useState<Attachment[]>([]);
  const [repeats, setRepeats] = useState(1);
  const [mode, setMode] = useState<RunBatch["mode"]>("sequential");
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!text.trim() && images.length === 0) return;
    const content: RunBatch["content"] =
      images.length === 0
        ? text
        : [
            ...(text.trim() ? [{ type: "text" as const, text }] : []),
            ...images.map((i) => ({ type: "image_url" as const, image_url: { url: i.url } })),
          ];
    try {
      setError(null);
      await onRun({ content, repeats, mode });
      setText("");
      setImages([]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className="flex flex-col gap-2 rounded-md border border-border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        data-testid="compare-prompt"
        aria-label="Prompt"
        className="min-h-20 w-full rounded-md border border-border bg-bg p-2 text-sm"
        placeholder={followUp ? "Follow up in every column…" : "One prompt, sent to every column…"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit();
        }}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Images
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            multiple
            className="max-w-52 text-xs"
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              try {
                const prepared = await Promise.all(files.map(prepareImage));
                setImages([...images, ...prepared].slice(0, 8));
              } catch (err) {
                setError(err instanceof ImageRejectedError ? err.message : "The image could not be read.");
              }
            }}
          />
        </label>
        {images.length > 0 && (
          <button type="button" className="text-xs text-fg-muted underline" onClick={() => setImages([])}>
            {images.length} image{images.length > 1 ? "s" : ""} · remove
          </button>
        )}
        <label className="flex items-center gap-2">
          Runs
          <input
            data-testid="compare-repeats"
            type="number"
            min={1}
            max={20}
            className="h-8 w-16 rounded-md border border-border bg-bg px-2"
            value={repeats}
            onChange={(e) => setRepeats(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
          />
        </label>
        <select
          aria-label="Run mode"
          data-testid="compare-mode"
          className="h-8 rounded-md border border-border bg-bg px-2"
          value={mode}
          onChange={(e) => setMode(e.target.value as RunBatch["mode"])}
        >
          <option value="sequential">one after another</option>
          <option value="concurrent">at the same time</option>
        </select>
        <span className="flex-1" />
        <Button
          type="submit"
          disabled={busy || (!text.trim() && images.length === 0)}
          data-testid="compare-run"
        >
          {busy ? "Running…" : followUp ? "Send to every column" : "Run"}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
