import { describe, expect, it } from "vitest";
import type { MessageRecord } from "@/lib/client/conversations-api";
import { chatMessageFromStored, settingsFromStored } from "@/lib/client/from-stored";
import { DEFAULT_SETTINGS, type SettingsValues, toRequestSettings } from "@/lib/client/settings-store";

describe("settingsFromStored", () => {
  it("gives back what the form sent (round trip through the request settings)", () => {
    const edited: SettingsValues[] = [
      DEFAULT_SETTINGS,
      {
        ...DEFAULT_SETTINGS,
        system: "Be brief.",
        temperature: 0.2,
        top_p: 0.9,
        max_tokens: 512,
        jsonMode: true,
      },
      { ...DEFAULT_SETTINGS, tools: ["calculator"], toolChoice: "calculator", parallelToolCalls: false },
      { ...DEFAULT_SETTINGS, toolChoice: "required" },
    ];
    for (const values of edited) expect(settingsFromStored(toRequestSettings(values))).toEqual(values);
  });

  it("shows tools switched off when none were sent, keeping the list for switching back on", () => {
    const values = settingsFromStored(toRequestSettings({ ...DEFAULT_SETTINGS, toolsEnabled: false }));
    expect(values.toolsEnabled).toBe(false);
    expect(values.tools).toEqual(DEFAULT_SETTINGS.tools);
  });

  it("treats nothing stored (an imported conversation) as the defaults", () => {
    expect(settingsFromStored({})).toEqual(DEFAULT_SETTINGS);
  });
});

describe("chatMessageFromStored", () => {
  const base: MessageRecord = {
    id: "0b7f6c1e-7a52-4d0e-9d7a-3c5f1b2a9e10",
    conversationId: "c",
    parentId: "p",
    role: "assistant",
    parts: [{ type: "text", text: "Hi" }],
    model: "anthropic/claude-sonnet-4.6",
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    ttftMs: 120,
    totalMs: 900,
    finishReason: "length",
    status: "done",
    error: null,
    droppedMessages: null,
    generationId: null,
    lastEventId: null,
    streamState: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:01.000Z",
    siblingIds: ["x", "0b7f6c1e-7a52-4d0e-9d7a-3c5f1b2a9e10"],
    siblingIndex: 1,
  };

  it("restores the footer's data and the branch position", () => {
    const m = chatMessageFromStored(base, true);
    expect(m?.meta).toMatchObject({ model: base.model, ttftMs: 120, totalMs: 900, truncated: true });
    expect(m?.model).toBe("anthropic/claude-sonnet-4.6");
    expect(m?.jsonMode).toBe(true);
    expect(m?.branch).toEqual({ parentId: "p", siblingIds: base.siblingIds, index: 1 });
  });

  it("leaves system messages out", () => {
    expect(chatMessageFromStored({ ...base, role: "system" }, false)).toBeNull();
  });
});
