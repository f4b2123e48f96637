import type { MessageMeta, MessagePart, MessageStatus } from "@/lib/stream/message-parts";
import type { ModelId } from "@/lib/stream/wire";

/**
 * A message as the chat page holds it, loaded or live. Its id is the server's: the browser makes
 * the UUIDs of the messages it sends, so there is no mapping between two ids.
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
