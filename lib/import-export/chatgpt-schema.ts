/**
 * The parts of ChatGPT's conversations.json we read. Loose objects: the export carries many
 * more fields, and OpenAI adds new ones; only what we use has to be right.
 */
import { z } from "zod";

const seconds = z.number().nullable().optional();

export const chatGptMessageSchema = z.looseObject({
  author: z.looseObject({ role: z.string() }),
  create_time: seconds,
  content: z.looseObject({
    content_type: z.string(),
    parts: z.array(z.unknown()).nullable().optional(),
    text: z.string().nullable().optional(),
    language: z.string().nullable().optional(),
    thoughts: z
      .array(z.looseObject({ content: z.string().nullable().optional() }))
      .nullable()
      .optional(),
  }),
  recipient: z.string().nullable().optional(),
  metadata: z
    .looseObject({
      is_visually_hidden_from_conversation: z.boolean().nullable().optional(),
      model_slug: z.string().nullable().optional(),
      finish_details: z.looseObject({ type: z.string().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});

export const chatGptNodeSchema = z.looseObject({
  message: chatGptMessageSchema.nullable().optional(),
  parent: z.string().nullable().optional(),
  children: z.array(z.string()).nullable().optional(),
});

export const chatGptConversationSchema = z.looseObject({
  title: z.string().nullable().optional(),
  create_time: seconds,
  update_time: seconds,
  mapping: z.record(z.string(), chatGptNodeSchema),
  current_node: z.string().nullable().optional(),
  default_model_slug: z.string().nullable().optional(),
  is_archived: z.boolean().nullable().optional(),
});

export const chatGptExportSchema = z.array(chatGptConversationSchema).max(100_000);

export type ChatGptMessage = z.infer<typeof chatGptMessageSchema>;
export type ChatGptConversation = z.infer<typeof chatGptConversationSchema>;
