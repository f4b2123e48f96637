"use client";
import { Fragment, type ReactNode, useEffect, useState } from "react";
import { whenIdle } from "@/lib/client/idle-queue";

/**
 * The grammar table (a loader and the aliases for each of ~40 languages) comes with the first code
 * block to highlight, like the core and the grammars it loads: a page without code never needs it.
 */
const highlighterFor = (lang: string) => import("./hljs-languages").then((m) => m.highlighterFor(lang));

/**
 * Turns highlight.js output into React elements. hljs escapes the code and only emits
 * `<span class="…">`; this reads exactly that, so nothing is ever set as HTML.
 */
const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
};
const decodeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27);/g, (e) => ENTITIES[e] ?? e);

export function hljsHtmlToReact(html: string): ReactNode[] {
  const root: ReactNode[] = [];
  const stack: { className: string; children: ReactNode[] }[] = [];
  let key = 0;
  const target = () => stack.at(-1)?.children ?? root;
  for (const piece of html.split(/(<span class="[^"]*">|<\/span>)/)) {
    if (!piece) continue;
    if (piece.startsWith("<span")) {
      stack.push({ className: piece.slice(13, -2), children: [] });
    } else if (piece === "</span>") {
      const open = stack.pop();
      if (open) {
        target().push(
          <span key={key++} className={open.className}>
            {open.children}
          </span>,
        );
      }
    } else {
      target().push(<Fragment key={key++}>{decodeHtml(piece)}</Fragment>);
    }
  }
  return root;
}

const cache = new Map<string, ReactNode[] | null>();

function cacheKey(code: string, lang: string) {
  return `${lang}\u0000${code}`;
}

/**
 * The highlighted form of a closed code block; null until highlight.js and the block's grammar
 * have loaded (and for languages Parley shows plain). Each (language, code) pair is highlighted
 * once per page, in idle time, one block per job: a page of saved answers, or a long answer's
 * blocks closing one after another, never highlights in one long task.
 */
export function useHighlighted(code: string, lang: string, enabled: boolean): ReactNode[] | null {
  const key = cacheKey(code, lang);
  const [result, setResult] = useState<{ key: string; nodes: ReactNode[] | null } | null>(() =>
    cache.has(key) ? { key, nodes: cache.get(key) ?? null } : null,
  );
  useEffect(() => {
    if (!enabled || !lang) return;
    if (cache.has(key)) {
      setResult({ key, nodes: cache.get(key) ?? null });
      return;
    }
    let live = true;
    let cancelIdle = () => {};
    void highlighterFor(lang).then((highlight) => {
      if (!live) return;
      cancelIdle = whenIdle(() => {
        if (!cache.has(key)) {
          if (cache.size > 300) cache.clear();
          cache.set(key, highlight === null ? null : hljsHtmlToReact(highlight(code)));
        }
        if (live) setResult({ key, nodes: cache.get(key) ?? null });
      });
    });
    return () => {
      live = false;
      cancelIdle();
    };
  }, [key, code, lang, enabled]);
  return enabled && result?.key === key ? result.nodes : null;
}
