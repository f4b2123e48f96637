import { describe, expect, it } from "vitest";
import {
  applyEvent,
  assembleText,
  createAssembly,
  finish,
  snapshot,
  toAssistantMessage,
} from "@/lib/stream/assembler";

/** Builds an SSE body from chunk objects (or raw strings) the way a gateway would send it. */
function sse(events: (object | string)[], { done = true, eol = "\n" } = {}): string {
  const frames = events.map((e) => (typeof e === "string" ? e : `data: ${JSON.stringify(e)}`));
  if (done) frames.push("data: [DONE]");
  return frames.map((f) => f + eol + eol).join("");
}
const chunk = (delta: object, finish_reason: string | null = null, extra: object = {}) => ({
  id: "gen_1",
  object: "chat.completion.chunk",
  model: "anthropic/claude-sonnet-4.6",
  choices: [{ index: 0, delta, finish_reason }],
  ...extra,
});
const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

describe("reasoning", () => {
  it("reads reasoning_content (the model pages' field)", () => {
    const m = assembleText(
      sse([
        chunk({ reasoning_content: "Let me " }),
        chunk({ reasoning_content: "think." }),
        chunk({ content: "Hi" }, "stop"),
      ]),
    );
    expect(m.reasoning).toBe("Let me think.");
    expect(m.reasoningField).toBe("reasoning_content");
    expect(m.content).toBe("Hi");
  });

  it("reads `reasoning` and never counts the reasoning_details duplicate twice", () => {
    const detail = (text: string, signature = "") => [{ type: "reasoning.text", text, signature, index: 0 }];
    const m = assembleText(
      sse([
        chunk({ reasoning: "A", reasoning_details: detail("A") }),
        chunk({ reasoning: "B", reasoning_details: detail("B") }),
        chunk({ reasoning_details: detail("", "sig-123") }),
        chunk({ content: "ok" }, "stop"),
      ]),
    );
    expect(m.reasoning).toBe("AB");
    expect(m.reasoningField).toBe("reasoning");
    expect(m.reasoningDetails).toEqual([
      { type: "reasoning.text", text: "AB", signature: "sig-123", index: 0 },
    ]);
  });

  it("uses the text of reasoning_details when it is the only reasoning there is", () => {
    const m = assembleText(
      sse([
        chunk({ reasoning_details: [{ type: "reasoning.text", text: "only ", index: 0 }] }),
        chunk({ reasoning_details: [{ type: "reasoning.text", text: "here", index: 0 }] }),
        chunk({ content: "x" }, "stop"),
      ]),
    );
    expect(m.reasoning).toBe("only here");
    expect(m.reasoningField).toBe("reasoning_details");
  });

  it("keeps several reasoning details apart by index, encrypted ones included", () => {
    const m = assembleText(
      sse([
        chunk({ reasoning_details: [{ type: "reasoning.text", text: "t", index: 0 }] }),
        chunk({ reasoning_details: [{ type: "reasoning.encrypted", data: "opaque", index: 1 }] }),
        chunk({ content: "x" }, "stop"),
      ]),
    );
    expect(m.reasoningDetails.map((d) => d.type)).toEqual(["reasoning.text", "reasoning.encrypted"]);
    expect(toAssistantMessage(m).reasoning_details).toHaveLength(2);
  });
});

describe("content", () => {
  it("ignores null and empty content and a role repeated in every chunk", () => {
    const m = assembleText(
      sse([
        chunk({ role: "assistant", content: null }),
        chunk({ role: "assistant", content: "" }),
        chunk({ role: "assistant", content: "Hello" }),
        chunk({ role: "assistant", content: ", world" }, "stop"),
      ]),
    );
    expect(m.content).toBe("Hello, world");
  });

  it("is null when no text came at all, and keeps whitespace it did get", () => {
    expect(assembleText(sse([chunk({ content: "" }, "stop")])).content).toBeNull();
    expect(assembleText(sse([chunk({ content: "\n\n" }, "stop")])).content).toBe("\n\n");
  });

  it("shows refusal deltas", () => {
    const m = assembleText(
      sse([chunk({ refusal: "I can't " }), chunk({ refusal: "help with that." }, "stop")]),
    );
    expect(m.refusal).toBe("I can't help with that.");
    expect(m.content).toBeNull();
  });

  it("assembles choice 0 and ignores the others", () => {
    const two = (text0: string, text1: string) => ({
      choices: [
        { index: 1, delta: { content: text1 }, finish_reason: null },
        { index: 0, delta: { content: text0 }, finish_reason: null },
      ],
    });
    const m = assembleText(sse([two("a", "X"), two("b", "Y"), chunk({}, "stop")]));
    expect(m.content).toBe("ab");
  });
});

describe("tool calls", () => {
  it("accumulates by index even when indices do not start at 0 or are not contiguous", () => {
    const m = assembleText(
      sse([
        chunk({
          tool_calls: [
            { index: 3, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } },
          ],
        }),
        chunk({
          tool_calls: [
            { index: 7, id: "call_b", type: "function", function: { name: "calculator", arguments: "" } },
          ],
        }),
        chunk({ tool_calls: [{ index: 3, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 7, function: { arguments: '{"expression":"1+1"}' } }] }),
        chunk({ tool_calls: [{ index: 3, function: { arguments: '"Paris"}' } }] }),
        chunk({}, "tool_calls"),
      ]),
    );
    expect(m.toolCalls).toEqual([
      { index: 3, id: "call_a", type: "function", name: "get_weather", arguments: '{"city":"Paris"}' },
      { index: 7, id: "call_b", type: "function", name: "calculator", arguments: '{"expression":"1+1"}' },
    ]);
  });

  it("never lets a later empty id, type or name overwrite the first one", () => {
    const m = assembleText(
      sse([
        chunk({
          tool_calls: [
            { index: 0, id: "call_1", type: "function", function: { name: "calculator", arguments: "" } },
          ],
        }),
        chunk({
          tool_calls: [
            { index: 0, id: "", type: "", function: { name: "", arguments: '{"expression":"2"}' } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, id: null, function: { name: null, arguments: null } }] }),
        chunk({}, "tool_calls"),
      ]),
    );
    expect(m.toolCalls[0]).toMatchObject({
      id: "call_1",
      type: "function",
      name: "calculator",
      arguments: '{"expression":"2"}',
    });
  });

  it("takes a whole call arriving in one fragment", () => {
    const m = assembleText(
      sse([
        chunk(
          {
            tool_calls: [
              {
                index: 0,
                id: "c",
                type: "function",
                function: { name: "get_current_time", arguments: '{"timezone":"UTC"}' },
              },
            ],
          },
          "tool_calls",
        ),
      ]),
    );
    expect(m.toolCalls).toHaveLength(1);
    expect(m.toolCalls[0]!.arguments).toBe('{"timezone":"UTC"}');
  });

  it("copes with fragments that carry no index", () => {
    const m = assembleText(
      sse([
        chunk({ tool_calls: [{ id: "a", function: { name: "x", arguments: "{" } }] }),
        chunk({ tool_calls: [{ function: { arguments: "}" } }] }),
        chunk({ tool_calls: [{ id: "b", function: { name: "y", arguments: "{}" } }] }),
        chunk({}, "tool_calls"),
      ]),
    );
    expect(m.toolCalls.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["a", "x", "{}"],
      ["b", "y", "{}"],
    ]);
  });

  it("sends calls back with the reasoning details of the turn", () => {
    const m = assembleText(
      sse([
        chunk({
          reasoning: "r",
          reasoning_details: [{ type: "reasoning.text", text: "r", signature: "s", index: 0 }],
        }),
        chunk(
          {
            tool_calls: [
              { index: 0, id: "c", type: "function", function: { name: "calculator", arguments: "{}" } },
            ],
          },
          "tool_calls",
        ),
      ]),
    );
    expect(toAssistantMessage(m)).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [{ id: "c", type: "function", function: { name: "calculator", arguments: "{}" } }],
      reasoning: "r",
      reasoning_details: [{ type: "reasoning.text", text: "r", signature: "s", index: 0 }],
    });
  });
});

describe("finish_reason", () => {
  it("keeps the first real value when it is repeated or followed by null", () => {
    const m = assembleText(sse([chunk({ content: "a" }, "stop"), chunk({}, "stop"), chunk({}, null)]));
    expect(m.finishReason).toBe("stop");
    expect(m.truncated).toBe(false);
  });

  it("infers tool_calls when it is missing and the model made calls", () => {
    const m = assembleText(
      sse([chunk({ tool_calls: [{ index: 0, id: "c", function: { name: "n", arguments: "{}" } }] })]),
    );
    expect(m.finishReason).toBe("tool_calls");
  });

  it("marks the answer truncated when it is missing and there are no calls", () => {
    const m = assembleText(sse([chunk({ content: "half an ans" })], { done: false }));
    expect(m.finishReason).toBeNull();
    expect(m.truncated).toBe(true);
    expect(m.sawDone).toBe(false);
    expect(m.content).toBe("half an ans");
  });

  it("reports length and content_filter as they are", () => {
    expect(assembleText(sse([chunk({ content: "a" }, "length")])).finishReason).toBe("length");
    expect(assembleText(sse([chunk({ content: "a" }, "content_filter")])).finishReason).toBe(
      "content_filter",
    );
  });
});

describe("usage", () => {
  it("reads usage from a later chunk with choices: []", () => {
    const m = assembleText(sse([chunk({ content: "a" }, "stop"), { id: "gen_1", choices: [], usage }]));
    expect(m.usage).toEqual(usage);
  });

  it("never sums usage that is repeated", () => {
    const m = assembleText(sse([chunk({ content: "a" }, "stop", { usage }), { choices: [], usage }]));
    expect(m.usage).toEqual(usage);
  });

  it("ignores usage: null on ordinary chunks", () => {
    const m = assembleText(
      sse([chunk({ content: "a" }, "stop", { usage }), chunk({}, null, { usage: null })]),
    );
    expect(m.usage).toEqual(usage);
  });
});

describe("the stream itself", () => {
  it("ignores comment lines anywhere", () => {
    const body = `: keep-alive\n\n${sse([chunk({ content: "a" })], { done: false })}: OPENROUTER PROCESSING\n\n${sse([chunk({ content: "b" }, "stop")])}`;
    const m = assembleText(body);
    expect(m.content).toBe("ab");
    expect(m.malformedChunks).toBe(0);
  });

  it("reads CR, LF and CRLF line endings alike", () => {
    const events = [chunk({ content: "x" }), chunk({ content: "y" }, "stop")];
    for (const eol of ["\n", "\r\n", "\r"]) expect(assembleText(sse(events, { eol })).content).toBe("xy");
  });

  it("reports an `event: error` frame and keeps what came before", () => {
    const body = sse(
      [
        chunk({ content: "partial" }),
        'event: error\ndata: {"error":{"message":"Upstream overloaded","code":529}}',
      ],
      {
        done: false,
      },
    );
    const m = assembleText(body);
    expect(m.content).toBe("partial");
    expect(m.error).toMatchObject({ message: "Upstream overloaded", code: 529 });
  });

  it("reports a data: {error} object inside a 200 stream", () => {
    const m = assembleText(
      sse([
        chunk({ content: "a" }),
        { error: { message: "Rate limit", type: "rate_limit_error", code: "429" } },
      ]),
    );
    expect(m.error).toEqual({ message: "Rate limit", type: "rate_limit_error", code: "429" });
    expect(m.content).toBe("a");
  });

  it("counts malformed chunks without losing the rest", () => {
    const m = assembleText(
      sse([chunk({ content: "a" }), "data: {not json", chunk({ content: "b" }, "stop")]),
    );
    expect(m.content).toBe("ab");
    expect(m.malformedChunks).toBe(1);
  });

  it("reads a non-streaming JSON body, whitespace before it included", () => {
    const body = `\n\n  ${JSON.stringify({
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Done.",
            tool_calls: [
              {
                id: "c1",
                type: "function",
                function: { name: "calculator", arguments: '{"expression":"1"}' },
              },
            ],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage,
    })}`;
    const m = assembleText(body);
    expect(m.content).toBe("Done.");
    expect(m.toolCalls).toMatchObject([{ id: "c1", name: "calculator", arguments: '{"expression":"1"}' }]);
    expect(m.finishReason).toBe("tool_calls");
    expect(m.usage).toEqual(usage);
  });

  it("reads a JSON error body", () => {
    const m = assembleText(
      JSON.stringify({ error: { message: "Invalid API key", type: "auth", code: 401 } }),
    );
    expect(m.error).toMatchObject({ message: "Invalid API key", code: 401 });
  });

  it("joins multi-line data fields with a newline", () => {
    const m = assembleText(
      `data: {"choices":[{"index":0,\ndata: "delta":{"content":"hi"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`,
    );
    expect(m.content).toBe("hi");
  });

  it("gives the same answer live, event by event, as from the whole body", () => {
    const events = [
      chunk({ reasoning_content: "r" }),
      chunk({ content: "a" }),
      chunk({ content: "b" }, "stop", { usage }),
    ];
    const a = createAssembly();
    const seen: (string | null)[] = [];
    for (const e of events) {
      applyEvent(a, { data: JSON.stringify(e) });
      seen.push(snapshot(a).content);
    }
    applyEvent(a, { data: "[DONE]" });
    expect(seen).toEqual([null, "a", "ab"]);
    expect(finish(a)).toEqual(assembleText(sse(events)));
  });
});
