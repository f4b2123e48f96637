/**
 * ChatGPT's mapping tree → Parley's message tree, without a database: regenerated answers and
 * edited questions become siblings, tool traffic is skipped with its children re-attached,
 * current_node picks the branch on screen, and broken trees are refused.
 */
import { describe, expect, it } from "vitest";
import type { ChatGptConversation } from "@/lib/import-export/chatgpt-schema";
import { convertChatGptConversation } from "@/lib/import-export/import-chatgpt";
import { isStorableDate } from "@/lib/import-export/storable";

type Node = ChatGptConversation["mapping"][string];

function node(
  parent: string | null,
  role: string | null,
  text = "",
  extra: Record<string, unknown> = {},
): Node {
  if (!role) return { message: null, parent };
  return {
    parent,
    message: {
      author: { role },
      create_time: 1_700_000_000,
      content: { content_type: "text", parts: [text] },
      ...extra,
    },
  };
}

const conversation = (mapping: Record<string, Node>, current_node: string): ChatGptConversation => ({
  title: "T",
  create_time: 1_700_000_000,
  mapping,
  current_node,
});

const texts = (c: ReturnType<typeof convertChatGptConversation>) =>
  c.messages.map((m) => [m.id, m.parentId, m.parts.map((p) => ("text" in p ? p.text : p.type)).join("|")]);

describe("ChatGPT mapping → message tree", () => {
  it("keeps regenerated answers as siblings and follows current_node", () => {
    const c = convertChatGptConversation(
      conversation(
        {
          root: node(null, null),
          u: node("root", "user", "Question"),
          a1: node("u", "assistant", "First answer"),
          a2: node("u", "assistant", "Regenerated answer"),
        },
        "a1",
      ),
      0,
    );
    expect(texts(c)).toEqual([
      ["u", null, "Question"],
      ["a1", "u", "First answer"],
      ["a2", "u", "Regenerated answer"],
    ]);
    expect(c.currentLeafId).toBe("a1");
  });

  it("skips tool calls and results, re-attaching what follows, and merges one turn's steps", () => {
    const c = convertChatGptConversation(
      conversation(
        {
          root: node(null, null),
          u: node("root", "user", "Weather?"),
          say: node("u", "assistant", "Let me look."),
          call: node("say", "assistant", "search()", { recipient: "browser" }),
          tool: node("call", "tool", "{...}"),
          answer: node("tool", "assistant", "Sunny."),
          hidden: node("answer", "user", "context", {
            metadata: { is_visually_hidden_from_conversation: true },
          }),
        },
        "hidden",
      ),
      0,
    );
    expect(texts(c)).toEqual([
      ["u", null, "Weather?"],
      ["say", "u", "Let me look.|Sunny."],
    ]);
    // current_node was a hidden node: its nearest shown ancestor is the leaf.
    expect(c.currentLeafId).toBe("say");
  });

  it("refuses a parent that is not in the mapping, and a cycle", () => {
    expect(() =>
      convertChatGptConversation(conversation({ u: node("ghost", "user", "Hi") }, "u"), 2),
    ).toThrow(/conversation 3 \("T"\): node "u" has parent "ghost"/);
    expect(() =>
      convertChatGptConversation(
        conversation({ root: node(null, null), a: node("b", "user", "A"), b: node("a", "user", "B") }, "a"),
        0,
      ),
    ).toThrow(/cycle/);
  });

  it("treats a time no database can store as missing", () => {
    const c = convertChatGptConversation(
      { ...conversation({ u: node(null, "user", "Hi") }, "u"), create_time: 1e15, update_time: 1e15 },
      0,
    );
    expect(isStorableDate(c.createdAt)).toBe(true);
    expect(isStorableDate(c.updatedAt)).toBe(true);
  });
});
