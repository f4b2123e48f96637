"use client";
import { memo, useMemo } from "react";
import { CodeBlock } from "@/components/markdown/code-block";

/** An answer given in JSON mode: formatted and highlighted once it parses, raw while it streams. */
export const JsonAnswer = memo(function JsonAnswer({
  text,
  streaming,
}: {
  text: string;
  streaming: boolean;
}) {
  const pretty = useMemo(() => {
    if (streaming) return null;
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return null;
    }
  }, [text, streaming]);
  return (
    <div data-testid="json-answer" data-valid={pretty ? "true" : "false"}>
      <CodeBlock code={pretty ?? text} lang="json" closed={pretty !== null} />
    </div>
  );
});
