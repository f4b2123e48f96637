import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import {
  type ConversationPages,
  placeConversation,
  restoreLists,
  snapshotLists,
  withConversation,
  withoutConversation,
} from "@/lib/client/conversation-cache";
import type { ConversationRecord } from "@/lib/client/conversations-api";
import { queryKeys } from "@/lib/client/keys";

function conv(id: string, updatedAt: string, patch: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id,
    title: id,
    model: "anthropic/claude-sonnet-4",
    settings: {},
    pinned: false,
    archived: false,
    createdAt: updatedAt,
    updatedAt,
    currentLeafId: null,
    ...patch,
  };
}

function pages(...lists: { items: ConversationRecord[]; nextCursor: string | null }[]): ConversationPages {
  return { pages: lists, pageParams: lists.map((_, i) => (i === 0 ? null : `c${i}`)) };
}

const ids = (d: ConversationPages | undefined) => d?.pages.map((p) => p.items.map((c) => c.id));

describe("withConversation", () => {
  const data = pages(
    {
      items: [conv("c", "2025-01-03T00:00:00.000Z"), conv("b", "2025-01-02T00:00:00.000Z")],
      nextCursor: "x",
    },
    { items: [conv("a", "2025-01-01T00:00:00.000Z")], nextCursor: "y" },
  );

  it("inserts a row where the server would list it", () => {
    expect(ids(withConversation(data, conv("n", "2025-01-04T00:00:00.000Z")))).toEqual([
      ["n", "c", "b"],
      ["a"],
    ]);
    expect(ids(withConversation(data, conv("m", "2025-01-01T12:00:00.000Z")))).toEqual([
      ["c", "b"],
      ["m", "a"],
    ]);
  });

  it("leaves a row older than everything loaded to a later page", () => {
    expect(ids(withConversation(data, conv("z", "2024-01-01T00:00:00.000Z")))).toEqual([["c", "b"], ["a"]]);
    const complete = pages({ items: [conv("a", "2025-01-01T00:00:00.000Z")], nextCursor: null });
    expect(ids(withConversation(complete, conv("z", "2024-01-01T00:00:00.000Z")))).toEqual([["a", "z"]]);
  });

  it("replaces a row in place", () => {
    const renamed = withConversation(data, conv("b", "2025-01-02T00:00:00.000Z", { title: "New" }));
    expect(ids(renamed)).toEqual([["c", "b"], ["a"]]);
    expect(renamed.pages[0]?.items[1]?.title).toBe("New");
  });

  it("removes a row from every page", () => {
    expect(ids(withoutConversation(data, "b"))).toEqual([["c"], ["a"]]);
  });
});

describe("placeConversation", () => {
  it("moves a row between sections and can be rolled back", () => {
    const qc = new QueryClient();
    const row = conv("a", "2025-01-01T00:00:00.000Z");
    qc.setQueryData(queryKeys.conversations.list("active"), pages({ items: [row], nextCursor: null }));
    qc.setQueryData(queryKeys.conversations.list("pinned"), pages({ items: [], nextCursor: null }));
    const snapshot = snapshotLists(qc);

    placeConversation(qc, "a", { ...row, pinned: true });
    expect(ids(qc.getQueryData(queryKeys.conversations.list("active")))).toEqual([[]]);
    expect(ids(qc.getQueryData(queryKeys.conversations.list("pinned")))).toEqual([["a"]]);

    placeConversation(qc, "a", null);
    expect(ids(qc.getQueryData(queryKeys.conversations.list("pinned")))).toEqual([[]]);

    restoreLists(qc, snapshot);
    expect(ids(qc.getQueryData(queryKeys.conversations.list("active")))).toEqual([["a"]]);
    expect(ids(qc.getQueryData(queryKeys.conversations.list("pinned")))).toEqual([[]]);
  });
});
