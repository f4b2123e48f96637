import type { Token, Tokens } from "marked";
import type { ReactNode } from "react";
import { CodeBlock } from "./code-block";
import { RemoteImage } from "./remote-image";
import { safeLinkHref } from "./safe-url";

/**
 * marked tokens → React elements. Everything becomes a text node or an element built here: raw
 * HTML in model output is shown as text, links are checked, images wait for a click.
 */
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

type Ctx = { streamingTail: boolean };

function isFenceClosed(t: Tokens.Code): boolean {
  if (t.codeBlockStyle === "indented") return false;
  const lines = t.raw.trimEnd().split("\n");
  const open = /^\s*(`{3,}|~{3,})/.exec(lines[0] ?? "")?.[1];
  const last = lines.at(-1)?.trim() ?? "";
  return lines.length > 1 && !!open && last.startsWith(open) && /^(`+|~+)$/.test(last);
}

export function renderInline(tokens: Token[] | undefined, keyPrefix = ""): ReactNode[] {
  return (tokens ?? []).map((token, i) => renderInlineToken(token as Tokens.Generic, `${keyPrefix}${i}`));
}

function renderInlineToken(t: Tokens.Generic, key: string): ReactNode {
  switch (t.type) {
    case "text":
      return t.tokens ? <span key={key}>{renderInline(t.tokens, `${key}.`)}</span> : decodeEntities(t.text);
    case "escape":
      return t.text;
    case "strong":
      return <strong key={key}>{renderInline(t.tokens, `${key}.`)}</strong>;
    case "em":
      return <em key={key}>{renderInline(t.tokens, `${key}.`)}</em>;
    case "del":
      return <del key={key}>{renderInline(t.tokens, `${key}.`)}</del>;
    case "codespan":
      return (
        <code key={key} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]">
          {decodeEntities(t.text)}
        </code>
      );
    case "br":
      return <br key={key} />;
    case "link": {
      const href = safeLinkHref(t.href);
      const children = renderInline(t.tokens, `${key}.`);
      if (!href) return <span key={key}>{children}</span>;
      return (
        <a
          key={key}
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          title={t.title ?? undefined}
          className="text-primary underline underline-offset-2 hover:no-underline"
        >
          {children}
        </a>
      );
    }
    case "image":
      return <RemoteImage key={key} src={t.href} alt={decodeEntities(t.text)} />;
    case "checkbox":
      return (
        <input
          key={key}
          type="checkbox"
          checked={t.checked}
          readOnly
          disabled
          className="mr-1.5 align-middle"
        />
      );
    case "html":
      return t.raw; // shown as text, never as markup
    default:
      return t.raw ?? null;
  }
}

const HEADING_CLASS = [
  "",
  "mt-5 mb-3 text-2xl font-semibold",
  "mt-5 mb-2 text-xl font-semibold",
  "mt-4 mb-2 text-lg font-semibold",
  "mt-3 mb-1 font-semibold",
  "mt-3 mb-1 font-semibold",
  "mt-3 mb-1 font-semibold",
];

export function renderBlocks(tokens: Token[], ctx: Ctx, keyPrefix = ""): ReactNode[] {
  return tokens.map((token, i) => renderBlock(token as Tokens.Generic, ctx, `${keyPrefix}${i}`));
}

function renderBlock(t: Tokens.Generic, ctx: Ctx, key: string): ReactNode {
  switch (t.type) {
    case "space":
    case "def":
      return null;
    case "paragraph":
      return (
        <p key={key} className="my-2 leading-relaxed">
          {renderInline(t.tokens, `${key}.`)}
        </p>
      );
    case "heading": {
      const Tag = `h${Math.min(6, Math.max(1, t.depth))}` as "h1";
      return (
        <Tag key={key} className={HEADING_CLASS[t.depth]}>
          {renderInline(t.tokens, `${key}.`)}
        </Tag>
      );
    }
    case "code":
      return (
        <CodeBlock
          key={key}
          code={t.text}
          lang={t.lang}
          closed={!ctx.streamingTail || isFenceClosed(t as Tokens.Code)}
        />
      );
    case "blockquote":
      return (
        <blockquote key={key} className="my-3 border-l-4 border-border pl-3 text-fg-muted">
          {renderBlocks(t.tokens ?? [], ctx, `${key}.`)}
        </blockquote>
      );
    case "hr":
      return <hr key={key} className="my-4 border-border" />;
    case "list": {
      const list = t as Tokens.List;
      const items = list.items.map((item, j) => (
        <li key={j} className="my-1 pl-1">
          {item.tokens.map((child, k) =>
            child.type === "text" || child.type === "checkbox"
              ? renderInlineToken(child as Tokens.Generic, `${key}.${j}.${k}`)
              : renderBlock(child as Tokens.Generic, ctx, `${key}.${j}.${k}`),
          )}
        </li>
      ));
      return list.ordered ? (
        <ol
          key={key}
          start={list.start === "" || list.start === 1 ? undefined : list.start}
          className="my-2 list-decimal pl-6"
        >
          {items}
        </ol>
      ) : (
        <ul key={key} className="my-2 list-disc pl-6">
          {items}
        </ul>
      );
    }
    case "table": {
      const table = t as Tokens.Table;
      const align = (a: string | null) => (a ? { textAlign: a as "left" } : undefined);
      return (
        <div key={key} className="my-3 overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr>
                {table.header.map((cell, j) => (
                  <th
                    key={j}
                    style={align(cell.align)}
                    className="border border-border bg-muted px-2 py-1 text-left font-semibold"
                  >
                    {renderInline(cell.tokens, `${key}.h${j}.`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, j) => (
                    <td
                      key={j}
                      style={align(cell.align)}
                      className="border border-border px-2 py-1 align-top"
                    >
                      {renderInline(cell.tokens, `${key}.${r}.${j}.`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case "html":
      return (
        <p key={key} className="my-2 leading-relaxed whitespace-pre-wrap">
          {t.raw}
        </p>
      );
    case "text":
      return (
        <p key={key} className="my-2 leading-relaxed">
          {t.tokens ? renderInline(t.tokens, `${key}.`) : decodeEntities(t.text)}
        </p>
      );
    default:
      return renderInlineToken(t, key);
  }
}
