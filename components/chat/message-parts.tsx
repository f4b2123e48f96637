"use client";
import { type ComponentType, memo, type ReactNode } from "react";
import { Markdown } from "@/components/markdown/markdown";
import type { MessagePart } from "@/lib/stream/message-parts";
import { JsonAnswer, ToolCallGroup } from "./late-parts";
import { ReasoningBlock } from "./reasoning-block";
import type { ToolCallPart } from "./tool-call-card";

type PartOf<T extends MessagePart["type"]> = Extract<MessagePart, { type: T }>;
/** What a part component gets: its part, whether it is the live end of a streaming message. */
type PartProps<T extends MessagePart["type"]> = {
  part: PartOf<T>;
  live: boolean;
  role: "user" | "assistant";
  jsonMode?: boolean;
};

function TextPart({ part, live, role, jsonMode }: PartProps<"text">) {
  if (role === "user") return <p className="whitespace-pre-wrap break-words">{part.text}</p>;
  if (jsonMode) return <JsonAnswer text={part.text} streaming={live} />;
  return <Markdown text={part.text} streaming={live} />;
}

function ReasoningPart({ part, live }: PartProps<"reasoning">) {
  return <ReasoningBlock text={part.text} thinking={live} durationMs={part.durationMs} />;
}

/** Bytes Parley itself stores (an upload, or a share's copy of one): shown without asking. */
const OWN_IMAGE_RE = /^\/api\/(attachments\/[0-9a-f-]{36}|shares\/[\w-]+\/images\/\d+)$/i;

function ImagePart({ part, role }: PartProps<"image">) {
  if (role === "user" || part.url.startsWith("data:") || OWN_IMAGE_RE.test(part.url)) {
    return (
      // biome-ignore lint/performance/noImgElement: a local data URL or an image Parley stores
      <img
        src={part.url}
        alt="Attached"
        data-testid="message-image"
        className="my-1 max-h-48 max-w-full rounded-md border border-border object-contain"
      />
    );
  }
  return <Markdown text={`![image](${part.url})`} />;
}

function RefusalPart({ part }: PartProps<"refusal">) {
  return (
    <p
      data-testid="refusal"
      className="my-2 rounded-md border border-danger/30 bg-danger/5 px-3 py-2 text-sm"
    >
      <strong className="font-semibold">The model declined: </strong>
      {part.text}
    </p>
  );
}

/** Part type → component. Tool calls are grouped (parallel calls sit together) and mapped by tool name. */
const PART_COMPONENTS: { [T in Exclude<MessagePart["type"], "tool-call">]: ComponentType<PartProps<T>> } = {
  text: TextPart,
  reasoning: ReasoningPart,
  image: ImagePart,
  refusal: RefusalPart,
};

type MessagePartsProps = {
  parts: MessagePart[];
  streaming: boolean;
  role: "user" | "assistant";
  jsonMode?: boolean;
};

export const MessageParts = memo(function MessageParts({
  parts,
  streaming,
  role,
  jsonMode,
}: MessagePartsProps) {
  const out: ReactNode[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.type === "tool-call") {
      const group: ToolCallPart[] = [];
      const first = i;
      while (parts[i]?.type === "tool-call" && (parts[i] as ToolCallPart).step === part.step) {
        group.push(parts[i] as ToolCallPart);
        i++;
      }
      i--;
      out.push(<ToolCallGroup key={`tools-${first}`} parts={group} />);
      continue;
    }
    const Component = PART_COMPONENTS[part.type] as ComponentType<PartProps<typeof part.type>>;
    const live = streaming && i === parts.length - 1;
    out.push(<Component key={i} part={part} live={live} role={role} jsonMode={jsonMode} />);
  }
  return <>{out}</>;
});
