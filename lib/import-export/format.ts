/**
 * Parley's JSON export format, as zod schemas: the export writes it, the import validates it.
 * A single conversation and "everything" use the same envelope, so either file imports back.
 */
import { z } from "zod";
import { MESSAGE_ROLES, MESSAGE_STATUSES } from "../db/schema";
import { chatSettingsSchema } from "../validations/chat";
import { isStorableDate } from "./storable";

export const EXPORT_FORMAT = "parley.export";
export const EXPORT_VERSION = 1;

const date = z.coerce.date().refine(isStorableDate, "expected a date between the years 1 and 9999");
const ms = z.number().int().min(0).nullable().optional();

export const messagePartSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({
    type: z.literal("reasoning"),
    text: z.string(),
    durationMs: z.number().min(0).optional(),
    details: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
  z.object({
    type: z.literal("tool-call"),
    id: z.string(),
    name: z.string(),
    arguments: z.string(),
    status: z.enum(["calling", "awaiting-approval", "running", "done", "error"]),
    result: z.string().optional(),
    durationMs: z.number().min(0).optional(),
    step: z.number().int().min(0),
  }),
  z.object({
    type: z.literal("image"),
    url: z
      .string()
      .refine(
        (u) => u.startsWith("/api/attachments/") || u.startsWith("https://"),
        "an image must be an attachment URL (/api/attachments/…) or an https URL",
      ),
    mediaType: z.string().optional(),
    bytes: z.number().int().min(0).optional(),
    width: z.number().optional(),
    height: z.number().optional(),
  }),
  z.object({ type: z.literal("refusal"), text: z.string() }),
]);

export const exportedMessageSchema = z.object({
  id: z.string().min(1).max(200),
  parentId: z.string().min(1).max(200).nullable(),
  role: z.enum(MESSAGE_ROLES),
  parts: z.array(messagePartSchema),
  model: z.string().nullable().optional(),
  usage: z
    .looseObject({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() })
    .nullable()
    .optional(),
  ttftMs: ms,
  totalMs: ms,
  finishReason: z.string().nullable().optional(),
  status: z.enum(MESSAGE_STATUSES).default("done"),
  error: z
    .object({ code: z.string(), message: z.string(), retryAfterSeconds: z.number().optional() })
    .nullable()
    .optional(),
  createdAt: date,
  updatedAt: date.optional(),
});

export const exportedConversationSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(1000),
  model: z.string().min(1).max(200),
  settings: chatSettingsSchema.default({}),
  pinned: z.boolean().default(false),
  archived: z.boolean().default(false),
  createdAt: date,
  updatedAt: date,
  currentLeafId: z.string().nullable().default(null),
  messages: z.array(exportedMessageSchema).max(50_000),
});

export const exportedAttachmentSchema = z.object({
  id: z.string().min(1).max(200),
  mediaType: z.string(),
  /** Base64 of the file's bytes. */
  data: z.string().max(8 * 1024 * 1024),
});

export const parleyExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: date.optional(),
  conversations: z.array(exportedConversationSchema).max(100_000),
  attachments: z.array(exportedAttachmentSchema).default([]),
});

export type ExportedMessage = z.infer<typeof exportedMessageSchema>;
export type ExportedConversation = z.infer<typeof exportedConversationSchema>;
export type ExportedAttachment = z.infer<typeof exportedAttachmentSchema>;
export type ParleyExport = z.infer<typeof parleyExportSchema>;

/** What an import wrote, for the UI's confirmation. */
export type ImportResult = {
  conversations: { id: string; title: string }[];
  messages: number;
  attachments: number;
  skipped: { title: string; reason: string }[];
};
