import { beforeEach, describe, expect, it } from "vitest";
import { useChatStore } from "@/lib/client/chat-store";
import type { ChatMessage } from "@/lib/client/chat-types";
import { olderCursorOf } from "@/lib/client/use-older-messages";

const msg = (id: string): ChatMessage => ({
  id,
  role: "user",
  parts: [{ type: "text", text: id }],
  status: "done",
  createdAt: 0,
});

describe("older pages in the chat store", () => {
  beforeEach(() => useChatStore.getState().load("c1", [msg("m3"), msg("m4")], "m3"));

  it("prepends a page and moves the cursor to it", () => {
    useChatStore.getState().prependOlder("c1", "m3", [msg("m1"), msg("m2")], "m1");
    expect(useChatStore.getState().ids).toEqual(["m1", "m2", "m3", "m4"]);
    expect(useChatStore.getState().olderCursor).toBe("m1");
  });

  it("ignores a page that arrives after the user switched conversation", () => {
    useChatStore.getState().load("c2", [msg("x1")], null);
    useChatStore.getState().prependOlder("c1", "m3", [msg("m1"), msg("m2")], "m1");
    expect(useChatStore.getState().ids).toEqual(["x1"]);
    expect(useChatStore.getState().olderCursor).toBeNull();
  });

  it("ignores the same page twice (a stale cursor) and never duplicates a message", () => {
    useChatStore.getState().prependOlder("c1", "m3", [msg("m2")], "m2");
    useChatStore.getState().prependOlder("c1", "m3", [msg("m2")], "m2");
    useChatStore.getState().prependOlder("c1", "m2", [msg("m1"), msg("m2")], null);
    expect(useChatStore.getState().ids).toEqual(["m1", "m2", "m3", "m4"]);
    expect(useChatStore.getState().olderCursor).toBeNull();
  });

  it("takes the cursor from a server page only when more lie above", () => {
    const page = (hasMore: boolean) => ({ messages: [{ id: "a" }, { id: "b" }], hasMore }) as never;
    expect(olderCursorOf(page(true))).toBe("a");
    expect(olderCursorOf(page(false))).toBeNull();
  });
});
