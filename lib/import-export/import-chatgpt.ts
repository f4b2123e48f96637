/**
 * Imports ChatGPT's conversations.json. Its `mapping` is a tree of nodes; the nodes a reader
 * sees (user and assistant text, multimodal text, thoughts) become Parley messages and the rest
 * (system prompts, hidden context, tool traffic) are skipped, their children re-attached to the
 * nearest kept ancestor. An assistant turn ChatGPT splits into several nodes (thinking, then the
 * answer) becomes one Parley message. `current_node` becomes the current leaf.
 */
import type { Db } from "../db/connect";
import type { MessagePart } from "../stream/message-parts";
import { type ChatGptConversation, type ChatGptMessage, chatGptExportSchema } from "./chatgpt-schema";
import { describeIssue, ImportError } from "./errors";
import type { ExportedConversation, ExportedMessage, ImportResult } from "./format";
import { isStorableDate } from "./storable";
import { writeConversations } from "./write";

export function isChatGptExport(data: unknown): boolean {
  return (
    Array.isArray(data) &&
    (data.length === 0 || (typeof data[0] === "object" && "mapping" in (data[0] ?? {})))
  );
}

/** A time the file gives in seconds; one no database could store counts as missing. */
const fromSeconds = (s: number | null | undefined) => {
  const d = typeof s === "number" ? new Date(s * 1000) : undefined;
  return d && isStorableDate(d) ? d : undefined;
};

/** The parts a reader sees in this node, or null when it is not shown in ChatGPT either. */
function toParts(m: ChatGptMessage): MessagePart[] | null {
  const role = m.author.role;
  if (role !== "user" && role !== "assistant") return null;
  if (m.metadata?.is_visually_hidden_from_conversation) return null;
  // An assistant node addressed to a tool (browser, python…) is a call, not an answer.
  if (role === "assistant" && m.recipient && m.recipient !== "all") return null;
  const c = m.content;
  let parts: MessagePart[] = [];
  switch (c.content_type) {
    case "text":
    case "multimodal_text":
      parts = (c.parts ?? []).flatMap((p): MessagePart[] => {
        if (typeof p === "string") return p.trim() ? [{ type: "text", text: p }] : [];
        // The files are in the export's zip, not in this JSON; say where an image was.
        const kind = (p as { content_type?: unknown } | null)?.content_type;
        return kind === "image_asset_pointer" ? [{ type: "text", text: "[image]" }] : [];
      });
      break;
    case "code":
      if (c.text?.trim()) parts = [{ type: "text", text: `\`\`\`${c.language ?? ""}\n${c.text}\n\`\`\`` }];
      break;
    case "thoughts": {
      const text = (c.thoughts ?? [])
        .map((t) => t.content ?? "")
        .filter(Boolean)
        .join("\n\n");
      if (text) parts = [{ type: "reasoning", text }];
      break;
    }
  }
  return parts.length > 0 ? parts : null;
}

export function convertChatGptConversation(c: ChatGptConversation, index: number): ExportedConversation {
  const where = `conversation ${index + 1}${c.title ? ` ("${c.title.slice(0, 60)}")` : ""}`;
  const created = fromSeconds(c.create_time) ?? new Date(0);
  const nodes = c.mapping;
  const roots: string[] = [];
  const children = new Map<string, string[]>();
  for (const [key, node] of Object.entries(nodes)) {
    if (node.parent == null) roots.push(key);
    else if (!nodes[node.parent])
      throw new ImportError(`${where}: node "${key}" has parent "${node.parent}", which is not in mapping`);
    else children.set(node.parent, [...(children.get(node.parent) ?? []), key]);
  }

  const messages: ExportedMessage[] = [];
  const byId = new Map<string, ExportedMessage>();
  const nodeToMessage = new Map<string, string | null>();
  const stack = roots.reverse().map((key) => ({ key, parent: null as string | null, lastTime: created }));
  while (stack.length > 0) {
    const { key, parent, lastTime } = stack.pop()!;
    if (nodeToMessage.has(key))
      throw new ImportError(`${where}: node "${key}" is reached twice (mapping has a cycle)`);
    const node = nodes[key]!;
    const parts = node.message ? toParts(node.message) : null;
    const time = fromSeconds(node.message?.create_time) ?? lastTime;
    let mapped = parent;
    if (parts && node.message) {
      const role = node.message.author.role as "user" | "assistant";
      const prev = parent ? byId.get(parent) : undefined;
      const onlyChild = (children.get(nodes[key]!.parent ?? "") ?? []).length <= 1;
      const model = node.message.metadata?.model_slug ?? null;
      const finish = node.message.metadata?.finish_details?.type;
      const finishReason = finish === "max_tokens" ? "length" : finish ? "stop" : null;
      if (role === "assistant" && prev?.role === "assistant" && onlyChild) {
        // Same turn, next step (thinking → answer): one Parley message.
        prev.parts.push(...parts);
        prev.model = model ?? prev.model;
        prev.finishReason = finishReason ?? prev.finishReason;
      } else {
        const m: ExportedMessage = {
          id: key,
          parentId: parent,
          role,
          parts,
          model,
          finishReason,
          status: "done",
          createdAt: time,
        };
        messages.push(m);
        byId.set(key, m);
        mapped = key;
      }
    }
    nodeToMessage.set(key, mapped);
    for (const child of [...(children.get(key) ?? [])].reverse())
      stack.push({ key: child, parent: mapped, lastTime: time });
  }
  if (nodeToMessage.size !== Object.keys(nodes).length) {
    throw new ImportError(`${where}: mapping has a cycle (some nodes have no path from a root)`);
  }

  const leaf = c.current_node ? nodeToMessage.get(c.current_node) : undefined;
  if (c.current_node && leaf === undefined)
    throw new ImportError(`${where}: current_node "${c.current_node}" is not in mapping`);
  const lastModel = messages.findLast((m) => m.role === "assistant" && m.model)?.model;
  return {
    id: `chatgpt-${index}`,
    title: (c.title ?? "").trim(),
    model: c.default_model_slug ?? lastModel ?? "chatgpt",
    settings: {},
    pinned: false,
    archived: c.is_archived ?? false,
    createdAt: created,
    updatedAt: fromSeconds(c.update_time) ?? messages.at(-1)?.createdAt ?? created,
    currentLeafId: leaf ?? messages.at(-1)?.id ?? null,
    messages,
  };
}

export async function importChatGptExport(
  db: Db,
  input: { userId: string; data: unknown },
): Promise<ImportResult> {
  if (!Array.isArray(input.data)) {
    throw new ImportError("this is not ChatGPT's conversations.json (expected a list of conversations)");
  }
  const parsed = chatGptExportSchema.safeParse(input.data);
  if (!parsed.success) throw new ImportError(describeIssue(parsed.error.issues[0]!, input.data, null));
  const converted = parsed.data.map(convertChatGptConversation);
  const kept = converted.filter((c) => c.messages.length > 0);
  const skipped = converted
    .filter((c) => c.messages.length === 0)
    .map((c) => ({ title: c.title, reason: "no visible messages" }));
  const written = await writeConversations(db, { userId: input.userId, conversations: kept });
  return { ...written, skipped };
}
