import { splitSnippet } from "@/lib/search/snippet";

/**
 * A search snippet with its matches in <mark>. Every run is a React text node, never HTML, so
 * whatever a message contains ("<script>", markdown, entities) shows as the characters it is.
 */
export function SnippetText({ snippet }: { snippet: string }) {
  return (
    <>
      {splitSnippet(snippet).map((run, i) =>
        run.match ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit dark:bg-yellow-500/40">
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </>
  );
}
