"use client";
import { memo, useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { useHighlighted } from "./highlight";

type CodeBlockProps = { code: string; lang?: string; closed: boolean };

/** A fenced code block: language label, copy button, highlighting once the fence has closed. */
export const CodeBlock = memo(function CodeBlock({ code, lang = "", closed }: CodeBlockProps) {
  const language = lang.split(/\s/)[0] ?? "";
  const highlighted = useHighlighted(code, language, closed);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div
      data-testid="code-block"
      data-highlighted={highlighted ? "true" : "false"}
      className="group my-3 overflow-hidden rounded-lg border border-border bg-code-bg"
    >
      <div className="flex items-center justify-between border-b border-border px-3 py-1 text-xs text-fg-muted">
        <span>{language || "text"}</span>
        <Button variant="ghost" size="sm" onClick={copy} aria-label={copied ? "Copied" : "Copy code"}>
          {copied ? <CheckIcon /> : <CopyIcon />}
          <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span>
        </Button>
      </div>
      <pre className="overflow-x-auto p-3 text-[13px] leading-relaxed">
        <code className={language ? `hljs language-${language}` : undefined}>{highlighted ?? code}</code>
      </pre>
    </div>
  );
});
