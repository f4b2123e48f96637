/**
 * Full-text search over conversation titles and message text (Postgres FTS, which PGlite has
 * too). Snippets come from ts_headline with \u0002…\u0003 around matches instead of HTML, so the
 * UI renders them as text (splitSnippet) and a message containing "<script>" stays harmless.
 */
import { type SQL, sql } from "drizzle-orm";
import { MATCH_END, MATCH_START } from "../../search/snippet";
import type { Db } from "../connect";
import { conversations, messages } from "../schema";
import { rowsOf } from "./columns";

// The markers and their splitter live in a pure module the browser can import too.
export { MATCH_END, MATCH_START, splitSnippet } from "../../search/snippet";
export const SEARCH_MAX_LIMIT = 50;

export type SearchHit = {
  conversationId: string;
  title: string;
  /** The message to open the conversation at; null when the title matched. */
  messageId: string | null;
  role: "user" | "assistant" | "system" | null;
  snippet: string;
  rank: number;
  createdAt: Date;
  /**
   * Whether the message is on the branch the conversation shows (root → current leaf). When it
   * is not, the UI switches to its branch before opening it, or it would not be on screen.
   */
  onCurrentBranch: boolean;
};

const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The query as the user types it: websearch syntax ("quotes", -not, or), and the last word also
 * matches as a prefix while it is still being typed ("lisb" finds "Lisbon"). The prefix goes
 * through to_tsquery only when it is plain letters and digits, so no input can break its syntax.
 */
export function searchTsQuery(text: string): SQL {
  const last = /(?:^|\s)([\p{L}\p{N}]+)$/u.exec(text);
  const before = last ? text.slice(0, last.index).trim() : text;
  const insideQuotes = (before.match(/"/g) ?? []).length % 2 === 1;
  if (!last || insideQuotes) return sql`websearch_to_tsquery('english', ${text})`;
  const prefix = sql`to_tsquery('english', ${`${last[1]}:*`})`;
  return before ? sql`(websearch_to_tsquery('english', ${before}) && ${prefix})` : prefix;
}

export async function searchMessages(
  db: Db,
  input: { userId: string; query: string; limit?: number },
): Promise<SearchHit[]> {
  const text = input.query.trim().slice(0, 500);
  if (!text) return [];
  const limit = Math.min(Math.max(input.limit ?? 20, 1), SEARCH_MAX_LIMIT);
  // Rank and cut first; ts_headline re-parses the text, so only the shown hits pay for it.
  // Title hits count double: a word in the title says more about the whole conversation.
  // ts_headline drops anything shaped like an HTML tag, so "<" is masked with a private-use
  // character (U+E000) and restored; our own \u0002/\u0003 are removed from the source text.
  const result = await db.execute(sql`
    with q as (select ${searchTsQuery(text)} as q),
    hits as (
      (select m.conversation_id, m.id as message_id, m.role, ts_rank(m.search, q.q, 1) as rank, m.created_at
        from ${messages} m join ${conversations} c on c.id = m.conversation_id, q
        where m.user_id = ${input.userId} and c.user_id = ${input.userId} and c.deleted_at is null
          and c.comparison_id is null
          and m.search @@ q.q
        order by rank desc, m.created_at desc limit ${limit})
      union all
      (select c.id, null::uuid, null, ts_rank(c.search, q.q, 1) * 2, c.updated_at
        from ${conversations} c, q
        where c.user_id = ${input.userId} and c.deleted_at is null and c.comparison_id is null and c.search @@ q.q
        order by 4 desc, c.updated_at desc limit ${limit})
    ),
    top as (select * from hits order by rank desc, created_at desc limit ${limit})
    select top.conversation_id, c.title, top.message_id, top.role, top.rank::float8 as rank, top.created_at,
      replace(ts_headline('english',
        translate(coalesce(
          (select string_agg(p->>'text', ' ') from ${messages} mm, jsonb_array_elements(mm.parts) p
            where mm.id = top.message_id and p->>'type' in ('text', 'refusal')),
          c.title), '<' || chr(2) || chr(3), chr(57344)),
        q.q, ${HEADLINE_OPTIONS}), chr(57344), '<') as snippet,
      -- Walks up from the current leaf; exists() stops at the hit, so short paths stay cheap.
      (top.message_id is null or exists (
        with recursive up(id, parent_id) as (
          select id, parent_id from ${messages} where id = c.current_leaf_id
          union all
          select m.id, m.parent_id from ${messages} m join up on m.id = up.parent_id
        ) select 1 from up where up.id = top.message_id)) as on_current_branch
    from top join ${conversations} c on c.id = top.conversation_id, q
    order by top.rank desc, top.created_at desc`);
  type Row = {
    conversation_id: string;
    title: string;
    message_id: string | null;
    role: SearchHit["role"];
    rank: number;
    created_at: Date | string;
    snippet: string;
    on_current_branch: boolean;
  };
  return rowsOf<Row>(result).map((r) => ({
    conversationId: r.conversation_id,
    title: r.title,
    messageId: r.message_id,
    role: r.role,
    snippet: r.snippet,
    rank: Number(r.rank),
    createdAt: new Date(r.created_at),
    onCurrentBranch: Boolean(r.on_current_branch),
  }));
}
