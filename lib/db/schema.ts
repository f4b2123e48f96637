/**
 * The one Postgres schema for both drivers (PGlite and node-postgres). drizzle-kit generates
 * lib/db/migrations from this file, so it must stay free of `server-only` and runtime imports.
 * Every table carries user_id: queries always read "this user's rows".
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { RunMetrics } from "../compare/run-metrics";
import type { ShareSnapshot } from "../share/snapshot";
import type { BuilderSnapshot } from "../stream/builder-snapshot";
import type { MessageMeta, MessagePart, MessageStatus } from "../stream/message-parts";
import type { Usage } from "../stream/wire";
import type { ChatSettings } from "../validations/chat";

/** Attachments above this are refused (also enforced by a CHECK constraint). */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export const MESSAGE_ROLES = ["user", "assistant", "system"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const MESSAGE_STATUSES = ["streaming", "done", "stopped", "interrupted", "error"] as const;

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** pg returns Buffer, PGlite Uint8Array; both are Uint8Array, which is all callers need. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer)),
});

/** Millisecond precision: JS Dates round-trip exactly, so keyset cursors built from them are exact. */
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const USER_ROLES = ["admin", "member", "pending"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Parley's owner table, which is also better-auth's `user` model (lib/auth/auth.ts maps it): the
 * JS property names are better-auth's field names. The built-in local user (single-user mode) has
 * no email and no account.
 */
export const users = pgTable(
  "users",
  {
    // better-auth (generateId: "uuid") lets the database make the id.
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    email: text("email").unique(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role", { enum: USER_ROLES }).notNull().default("member"),
    /** A disabled user cannot sign in; their sessions are deleted when they are disabled. */
    disabled: boolean("disabled").notNull().default(false),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
  },
  () => [check("users_role_check", sql`role in ('admin', 'member', 'pending')`)],
);

/** better-auth's sessions (the cookie holds the signed token). */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    token: text("token").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** better-auth's accounts: `credential` (the scrypt password hash) or an OIDC provider's subject. */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true, precision: 3 }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true, precision: 3 }),
    scope: text("scope"),
    password: text("password"),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

/** better-auth's short-lived values (OAuth state, PKCE verifiers). */
export const verifications = pgTable("verifications", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  createdAt: ts("created_at"),
  updatedAt: ts("updated_at"),
});

/** better-auth's rate-limit counters, in the database so several instances agree. */
export const rateLimits = pgTable("rate_limits", {
  // better-auth inserts these rows without an id.
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

/** Failed sign-ins per account (`email:`) and per address (`ip:`); a key locks after too many. */
export const loginFailures = pgTable("login_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
  updatedAt: ts("updated_at"),
});

/** Instance-wide settings an admin changes (sign-up policy, offered models), one JSON value per key. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: ts("updated_at"),
});

/** An invite link: only the SHA-256 of its token is stored. */
export const invites = pgTable("invites", {
  id: uuid("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role", { enum: USER_ROLES }).notNull().default("member"),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true, precision: 3 }),
  usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: ts("created_at"),
});

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    model: text("model").notNull(),
    settings: jsonb("settings").$type<ChatSettings>().notNull().default({}),
    pinned: boolean("pinned").notNull().default(false),
    archived: boolean("archived").notNull().default(false),
    /** Soft delete: set by "delete", cleared by "undo". Deleted rows are invisible to every read. */
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    createdAt: ts("created_at"),
    /** Last activity (a message added), not last edit: renaming or pinning does not reorder the list. */
    updatedAt: ts("updated_at"),
    /** The leaf of the branch on screen; the gateway sees the root→leaf path. No FK: set after insert. */
    currentLeafId: uuid("current_leaf_id"),
    /** Set for a comparison's column: such conversations stay out of the list and search. */
    comparisonId: uuid("comparison_id").references((): AnyPgColumn => comparisons.id, {
      onDelete: "cascade",
    }),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english'::regconfig, "title")`),
  },
  (t) => [
    index("conversations_user_updated_idx").on(t.userId, t.updatedAt.desc(), t.id.desc()),
    index("conversations_search_idx").using("gin", t.search),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Tree: an edit or a regenerate adds a sibling under the same parent. Null for roots. */
    parentId: uuid("parent_id").references((): AnyPgColumn => messages.id, { onDelete: "cascade" }),
    role: text("role", { enum: MESSAGE_ROLES }).notNull(),
    parts: jsonb("parts").$type<MessagePart[]>().notNull().default([]),
    model: text("model"),
    usage: jsonb("usage").$type<Usage>(),
    ttftMs: integer("ttft_ms"),
    totalMs: integer("total_ms"),
    finishReason: text("finish_reason"),
    status: text("status", { enum: MESSAGE_STATUSES }).$type<MessageStatus>().notNull().default("done"),
    error: jsonb("error").$type<NonNullable<MessageMeta["error"]>>(),
    /** Oldest messages the gateway did not see for this answer (context policy). */
    droppedMessages: integer("dropped_messages"),
    /** The generation writing (or that last wrote) this answer. No FK: generations point here. */
    generationId: uuid("generation_id"),
    /** While streaming: the last event of that generation the saved parts include… */
    lastEventId: integer("last_event_id"),
    /** …and the message builder's state at that event, so a reader resumes exactly there. */
    streamState: jsonb("stream_state").$type<BuilderSnapshot>(),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
    /** Only what the user reads (text and refusals) is searchable; reasoning and tool JSON are not. */
    search: tsvector("search").generatedAlwaysAs(
      sql`jsonb_to_tsvector('english'::regconfig, jsonb_path_query_array("parts", '$[*] ? (@.type == "text" || @.type == "refusal").text'), '["string"]')`,
    ),
  },
  (t) => [
    index("messages_conversation_created_idx").on(t.conversationId, t.createdAt),
    index("messages_parent_idx").on(t.parentId),
    // Only start-up reads streaming rows (to mark them interrupted); keep that index tiny.
    index("messages_streaming_idx").on(t.userId).where(sql`${t.status} = 'streaming'`),
    index("messages_search_idx").using("gin", t.search),
    check("messages_role_check", sql`${t.role} in ('user', 'assistant', 'system')`),
    check(
      "messages_status_check",
      sql`${t.status} in ('streaming', 'done', 'stopped', 'interrupted', 'error')`,
    ),
  ],
);

export const GENERATION_STATUSES = ["running", "done", "stopped", "error", "interrupted"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/**
 * One server-owned run of the model writing an answer (a continuation is another run on the same
 * message). The instance running it renews `lease_until`; a run whose lease ran out lost its
 * instance and is marked interrupted by any surviving one.
 */
export const generations = pgTable(
  "generations",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    model: text("model").notNull(),
    status: text("status", { enum: GENERATION_STATUSES }).notNull().default("running"),
    instanceId: text("instance_id").notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: ts("created_at"),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index("generations_running_user_idx").on(t.userId).where(sql`${t.status} = 'running'`),
    index("generations_running_lease_idx").on(t.leaseUntil).where(sql`${t.status} = 'running'`),
    index("generations_message_idx").on(t.messageId),
    check(
      "generations_status_check",
      sql`${t.status} in ('running', 'done', 'stopped', 'error', 'interrupted')`,
    ),
  ],
);

/** Uploaded images, served by /api/attachments/<id>. Message parts hold that URL, never data URLs. */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mediaType: text("media_type").notNull(),
    bytes: integer("bytes").notNull(),
    data: bytea("data").notNull(),
    createdAt: ts("created_at"),
  },
  (t) => [
    index("attachments_user_idx").on(t.userId),
    check(
      "attachments_size_check",
      sql`${t.bytes} > 0 and ${t.bytes} <= ${sql.raw(String(ATTACHMENT_MAX_BYTES))}`,
    ),
    check("attachments_bytes_match_check", sql`octet_length(${t.data}) = ${t.bytes}`),
  ],
);

/**
 * Read-only links to a conversation: a snapshot of the branch on screen at share time, served at
 * /s/<id> to anyone holding the id (random, unguessable) until the owner revokes it.
 */
export const shares = pgTable(
  "shares",
  {
    /** 144 random bits, base64url: the link's only secret. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    snapshot: jsonb("snapshot").$type<ShareSnapshot>().notNull(),
    createdAt: ts("created_at"),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("shares_user_created_idx").on(t.userId, t.createdAt.desc())],
);

export type UserRow = typeof users.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type GenerationRow = typeof generations.$inferSelect;
export type ShareRow = typeof shares.$inferSelect;

export const USAGE_KINDS = ["chat", "api", "title"] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/**
 * One priced model call (or a saved answer's whole tool loop): who, which model, how many tokens,
 * what it cost. Budgets sum `cost_usd` over a window; the dashboard groups it by user, model, day.
 */
export const usageEvents = pgTable(
  "usage_events",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    model: text("model").notNull(),
    kind: text("kind", { enum: USAGE_KINDS }).notNull(),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    completionTokens: integer("completion_tokens").notNull().default(0),
    reasoningTokens: integer("reasoning_tokens").notNull().default(0),
    costUsd: numeric("cost_usd", { precision: 14, scale: 8 }).notNull().default("0"),
    /** The generation that was priced (kind chat/title), or null. No FK: generations may go. */
    generationId: uuid("generation_id"),
    /** The API key that made the call (kind api), or null. */
    apiKeyId: uuid("api_key_id"),
    createdAt: ts("created_at"),
  },
  (t) => [
    index("usage_events_user_created_idx").on(t.userId, t.createdAt),
    index("usage_events_created_idx").on(t.createdAt),
    check("usage_events_kind_check", sql`${t.kind} in ('chat', 'api', 'title')`),
  ],
);

/** Users grouped for a shared limit: a member's effective limit is the stricter of the two. */
export const groups = pgTable("groups", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: ts("created_at"),
});

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

export const LIMIT_SCOPES = ["user", "group"] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

/**
 * Limits of one user or one group; a null column means "no limit". `spend_reset_at` lets an admin
 * forgive what was spent so far: budgets count spend since the later of it and the window start.
 */
export const usageLimits = pgTable(
  "usage_limits",
  {
    scope: text("scope", { enum: LIMIT_SCOPES }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    dailyUsd: numeric("daily_usd", { precision: 14, scale: 6 }),
    monthlyUsd: numeric("monthly_usd", { precision: 14, scale: 6 }),
    requestsPerMinute: integer("requests_per_minute"),
    spendResetAt: timestamp("spend_reset_at", { withTimezone: true, precision: 3 }),
    updatedAt: ts("updated_at"),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.subjectId] }),
    check("usage_limits_scope_check", sql`${t.scope} in ('user', 'group')`),
  ],
);

/** Requests counted per fixed window, when Redis is not configured (one row per key and window). */
export const rateCounters = pgTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, precision: 3 }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Per-user keys for the OpenAI-compatible endpoint. Only the SHA-256 of the secret is kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    /** The first characters of the secret (`pk_live_ab12`), shown so people recognise a key. */
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull().unique(),
    createdAt: ts("created_at"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("api_keys_user_idx").on(t.userId)],
);

export type UsageEventRow = typeof usageEvents.$inferSelect;
export type UsageLimitRow = typeof usageLimits.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** One column of a comparison: its model, its own parameters and its hidden conversation. */
export type ComparisonColumn = {
  model: string;
  params: { temperature?: number; top_p?: number; max_tokens?: number; reasoning?: boolean };
  conversationId: string;
};
/** What every column shares: the system prompt, built-in tools and JSON mode. */
export type ComparisonShared = { system?: string; tools?: string[]; json_mode?: boolean };

/**
 * A model comparison (/compare/<id>): 2–4 columns, each answering in its own hidden conversation
 * (conversations.comparison_id), so each column keeps its own history across turns.
 */
export const comparisons = pgTable(
  "comparisons",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    blind: boolean("blind").notNull().default(false),
    columns: jsonb("columns").$type<ComparisonColumn[]>().notNull(),
    shared: jsonb("shared").$type<ComparisonShared>().notNull().default({}),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
  },
  (t) => [index("comparisons_user_updated_idx").on(t.userId, t.updatedAt.desc())],
);

export const BATCH_MODES = ["sequential", "concurrent"] as const;
export type BatchMode = (typeof BATCH_MODES)[number];

/**
 * One prompt sent to every column, `repeats` times. `labels` is the blind order: labels[0] is the
 * column shown as A. The server runs a batch to its end (status running → done).
 */
export const comparisonBatches = pgTable(
  "comparison_batches",
  {
    id: uuid("id").primaryKey(),
    comparisonId: uuid("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    turn: integer("turn").notNull(),
    prompt: text("prompt").notNull(),
    repeats: integer("repeats").notNull(),
    mode: text("mode", { enum: BATCH_MODES }).notNull(),
    status: text("status", { enum: ["running", "done"] })
      .notNull()
      .default("running"),
    labels: jsonb("labels").$type<number[]>().notNull(),
    createdAt: ts("created_at"),
  },
  (t) => [index("comparison_batches_comparison_idx").on(t.comparisonId, t.createdAt)],
);

/** One column's answer in one repeat of a batch, with the metrics the server measured. */
export const comparisonRuns = pgTable(
  "comparison_runs",
  {
    id: uuid("id").primaryKey(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => comparisonBatches.id, { onDelete: "cascade" }),
    comparisonId: uuid("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    repeat: integer("repeat").notNull(),
    column: integer("column").notNull(),
    model: text("model").notNull(),
    /** No FK: generations and messages point elsewhere and may go. */
    generationId: uuid("generation_id").notNull(),
    messageId: uuid("message_id").notNull(),
    metrics: jsonb("metrics").$type<RunMetrics>(),
    createdAt: ts("created_at"),
  },
  (t) => [index("comparison_runs_batch_idx").on(t.batchId, t.repeat, t.column)],
);

export const VOTE_WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)"] as const;

/** A blind verdict (or an imported arena vote): which of two models answered better. */
export const comparisonVotes = pgTable(
  "comparison_votes",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    comparisonId: uuid("comparison_id").references(() => comparisons.id, { onDelete: "set null" }),
    batchId: uuid("batch_id").references(() => comparisonBatches.id, { onDelete: "set null" }),
    modelA: text("model_a").notNull(),
    modelB: text("model_b").notNull(),
    winner: text("winner", { enum: VOTE_WINNERS }).notNull(),
    tag: text("tag"),
    prompt: text("prompt"),
    createdAt: ts("created_at"),
  },
  (t) => [
    index("comparison_votes_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("comparison_votes_batch_idx").on(t.batchId),
    check(
      "comparison_votes_winner_check",
      sql`${t.winner} in ('model_a', 'model_b', 'tie', 'tie (bothbad)')`,
    ),
  ],
);
export const MCP_TRANSPORTS = ["http", "stdio"] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

/** A tool as an MCP server listed it (cached, so a turn does not ask the server first). */
export type McpToolInfo = {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
};

/**
 * An MCP server someone added: streamable HTTP (`url`, through the guarded fetch) or stdio
 * (`command` + `args`, admins only). `tools` is what it listed last time.
 */
export const mcpServers = pgTable(
  "mcp_servers",
  {
    id: uuid("id").primaryKey(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    transport: text("transport", { enum: MCP_TRANSPORTS }).notNull(),
    url: text("url"),
    command: text("command"),
    args: jsonb("args").$type<string[]>().notNull().default([]),
    enabled: boolean("enabled").notNull().default(true),
    tools: jsonb("tools").$type<McpToolInfo[]>().notNull().default([]),
    createdAt: ts("created_at"),
  },
  (t) => [
    index("mcp_servers_owner_idx").on(t.ownerId),
    check(
      "mcp_servers_target",
      sql`(${t.transport} = 'http' and ${t.url} is not null) or (${t.transport} = 'stdio' and ${t.command} is not null)`,
    ),
  ],
);

export const USER_TOOL_MODES = ["manual", "endpoint"] as const;
export type UserToolMode = (typeof USER_TOOL_MODES)[number];

/**
 * A tool someone defined by pasting a JSON-schema function definition: answered by hand in the
 * card (`manual`) or by Parley calling `endpoint_url` (HTTPS, through the guarded fetch).
 */
export const userTools = pgTable(
  "user_tools",
  {
    id: uuid("id").primaryKey(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    mode: text("mode", { enum: USER_TOOL_MODES }).notNull(),
    endpointUrl: text("endpoint_url"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: ts("created_at"),
  },
  (t) => [index("user_tools_owner_idx").on(t.ownerId)],
);

export type McpServerRow = typeof mcpServers.$inferSelect;
export type UserToolRow = typeof userTools.$inferSelect;
