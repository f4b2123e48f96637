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
