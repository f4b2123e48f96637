/** Query keys, from one place so invalidation can't drift from the queries. */
export const queryKeys = {
  config: ["config"] as const,
  conversations: {
    /** Every conversation query: lists and details (invalidate this after import, for example). */
    all: ["conversations"] as const,
    lists: () => ["conversations", "list"] as const,
    /** One sidebar section: "active" (unpinned), "pinned" or "archived". */
    list: (view: ConversationView) => ["conversations", "list", view] as const,
    detail: (id: string) => ["conversations", "detail", id] as const,
  },
  /** The owner's live share links (settings → Shared links). */
  shares: ["shares"] as const,
  /** Search results per (trimmed) query; invalidate `search.all` after an import. */
  search: {
    all: ["search"] as const,
    query: (q: string) => ["search", q] as const,
  },
  usage: {
    mine: (days: number) => ["usage", "mine", days] as const,
    everyone: (days: number) => ["usage", "everyone", days] as const,
  },
  apiKeys: ["api-keys"] as const,
} as const;

export type ConversationView = "active" | "pinned" | "archived";
