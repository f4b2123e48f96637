/**
 * Code highlighting, loaded piece by piece: the highlight.js core and one grammar per language,
 * each its own chunk, fetched the first time a closed code block in that language needs it. None
 * of it is in the chat page's first-load JavaScript, and an answer in Python and TypeScript loads
 * only those two grammars.
 */
import type { HLJSApi, LanguageFn } from "highlight.js";

type Grammar = () => Promise<{ default: LanguageFn }>;

/** The grammars Parley highlights, by highlight.js file name (a literal import each, so each is a chunk). */
const GRAMMARS: Record<string, Grammar> = {
  bash: () => import("highlight.js/lib/languages/bash"),
  c: () => import("highlight.js/lib/languages/c"),
  clojure: () => import("highlight.js/lib/languages/clojure"),
  cpp: () => import("highlight.js/lib/languages/cpp"),
  csharp: () => import("highlight.js/lib/languages/csharp"),
  css: () => import("highlight.js/lib/languages/css"),
  dart: () => import("highlight.js/lib/languages/dart"),
  diff: () => import("highlight.js/lib/languages/diff"),
  dockerfile: () => import("highlight.js/lib/languages/dockerfile"),
  elixir: () => import("highlight.js/lib/languages/elixir"),
  erlang: () => import("highlight.js/lib/languages/erlang"),
  go: () => import("highlight.js/lib/languages/go"),
  graphql: () => import("highlight.js/lib/languages/graphql"),
  haskell: () => import("highlight.js/lib/languages/haskell"),
  ini: () => import("highlight.js/lib/languages/ini"),
  java: () => import("highlight.js/lib/languages/java"),
  javascript: () => import("highlight.js/lib/languages/javascript"),
  json: () => import("highlight.js/lib/languages/json"),
  julia: () => import("highlight.js/lib/languages/julia"),
  kotlin: () => import("highlight.js/lib/languages/kotlin"),
  lua: () => import("highlight.js/lib/languages/lua"),
  makefile: () => import("highlight.js/lib/languages/makefile"),
  markdown: () => import("highlight.js/lib/languages/markdown"),
  nix: () => import("highlight.js/lib/languages/nix"),
  objectivec: () => import("highlight.js/lib/languages/objectivec"),
  ocaml: () => import("highlight.js/lib/languages/ocaml"),
  perl: () => import("highlight.js/lib/languages/perl"),
  php: () => import("highlight.js/lib/languages/php"),
  powershell: () => import("highlight.js/lib/languages/powershell"),
  protobuf: () => import("highlight.js/lib/languages/protobuf"),
  python: () => import("highlight.js/lib/languages/python"),
  r: () => import("highlight.js/lib/languages/r"),
  ruby: () => import("highlight.js/lib/languages/ruby"),
  rust: () => import("highlight.js/lib/languages/rust"),
  scala: () => import("highlight.js/lib/languages/scala"),
  scss: () => import("highlight.js/lib/languages/scss"),
  sql: () => import("highlight.js/lib/languages/sql"),
  swift: () => import("highlight.js/lib/languages/swift"),
  typescript: () => import("highlight.js/lib/languages/typescript"),
  xml: () => import("highlight.js/lib/languages/xml"),
  yaml: () => import("highlight.js/lib/languages/yaml"),
};

/**
 * Names people write after the fence for those grammars. highlight.js keeps each grammar's aliases
 * inside the grammar, which is the file we would have to load to read them; so they are here.
 */
const ALIASES: Record<string, string> = {
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  h: "c",
  clj: "clojure",
  cc: "cpp",
  "c++": "cpp",
  hpp: "cpp",
  cs: "csharp",
  "c#": "csharp",
  patch: "diff",
  docker: "dockerfile",
  ex: "elixir",
  exs: "elixir",
  erl: "erlang",
  golang: "go",
  gql: "graphql",
  hs: "haskell",
  toml: "ini",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsonc: "json",
  json5: "json",
  kt: "kotlin",
  kts: "kotlin",
  make: "makefile",
  mk: "makefile",
  md: "markdown",
  objc: "objectivec",
  ml: "ocaml",
  pl: "perl",
  ps1: "powershell",
  pwsh: "powershell",
  proto: "protobuf",
  py: "python",
  rb: "ruby",
  rs: "rust",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  html: "xml",
  xhtml: "xml",
  svg: "xml",
  yml: "yaml",
};

/** The grammar file for a fence's language, or null for one Parley shows plain. */
export function grammarFor(lang: string): string | null {
  const name = lang.toLowerCase();
  const file = ALIASES[name] ?? name;
  return Object.hasOwn(GRAMMARS, file) ? file : null;
}

let core: Promise<HLJSApi> | null = null;
const ready = new Map<string, Promise<HLJSApi>>();

/** The core with `file`'s grammar registered; each is fetched once per page. */
function withGrammar(file: string): Promise<HLJSApi> {
  let loading = ready.get(file);
  if (!loading) {
    core ??= import("highlight.js/lib/core").then((m) => m.default);
    loading = Promise.all([core, GRAMMARS[file]!()]).then(([hljs, grammar]) => {
      hljs.registerLanguage(file, grammar.default);
      return hljs;
    });
    // A chunk that failed to load (offline, a new deploy) is tried again by the next code block.
    loading.catch(() => {
      ready.delete(file);
      core = null;
    });
    ready.set(file, loading);
  }
  return loading;
}

/**
 * A function from code to highlight.js HTML for `lang`, once the core and its grammar have loaded;
 * null for a language Parley does not highlight (shown plain) or when its grammar could not be
 * loaded. Loading and highlighting are two steps so the caller can highlight in idle time.
 */
export async function highlighterFor(lang: string): Promise<((code: string) => string) | null> {
  const file = grammarFor(lang);
  if (!file) return null;
  try {
    const hljs = await withGrammar(file);
    return (code) => hljs.highlight(code, { language: file, ignoreIllegals: true }).value;
  } catch {
    return null;
  }
}
