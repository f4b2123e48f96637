import type { MessageMeta, MessagePart, MessageStatus } from "@/lib/stream/message-parts";
import type { ModelId } from "@/lib/stream/wire";

/**
 * A message as the chat page holds it. The same shape can come from the server later
 * (conversation history), so nothing here is specific to a live stream.
 */
export type ChatMessage = {
  id: string;
  role: "user" | "assistant";
  parts: MessagePart[];
  status: MessageStatus;
  meta?: MessageMeta;
  /** The model the turn was sent to (assistant messages). */
  model?: ModelId;
  /** The turn asked for a JSON object (response_format json_object): show the answer formatted. */
  jsonMode?: boolean;
  createdAt: number;
  /**
   * The server's id for a message sent in this tab, once the turn is saved (`parley.saved`).
   * Messages loaded from the server have no need: their `id` is the server's.
   */
  serverId?: string;
  /** Where the message sits in the conversation's tree (saved messages only): drives "2 / 3". */
  branch?: MessageBranch;
};

export type MessageBranch = {
  parentId: string | null;
  /** Every child of the parent, oldest first, this message included. */
  siblingIds: string[];
  index: number;
};

/** An image attached in the composer, already downscaled to a data URL. */
export type Attachment = {
  id: string;
  name: string;
  url: string;
  mediaType: string;
  bytes: number;
  width: number;
  height: number;
};

let counter = 0;
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
