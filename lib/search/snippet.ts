/**
 * Search snippets mark matches with \u0002…\u0003 instead of HTML (see lib/db/queries/search.ts),
 * so the browser renders them as text nodes and a message containing "<script>" stays harmless.
 * Pure and dependency-free: the search dialog imports it without pulling in the database code.
 */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

export type SnippetRun = { text: string; match: boolean };

/** Splits a snippet into plain and matched runs for rendering as text nodes. */
export function splitSnippet(snippet: string): SnippetRun[] {
  const runs: SnippetRun[] = [];
  for (const [i, piece] of snippet.split(new RegExp(`[${MATCH_START}${MATCH_END}]`)).entries()) {
    if (piece) runs.push({ text: piece, match: i % 2 === 1 });
  }
  return runs;
}
