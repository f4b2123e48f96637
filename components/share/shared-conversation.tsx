import { MessageFooter } from "@/components/chat/message-footer";
import { MessageParts } from "@/components/chat/message-parts";
import { cn } from "@/lib/client/cn";
import type { PublicShare } from "@/lib/db/queries/shares";
import type { SharedMessage } from "@/lib/share/snapshot";
import type { ModelId } from "@/lib/stream/wire";

/** One message of a share: the chat's own parts and footer, without actions, editing or branches. */
function SharedMessageView({ message }: { message: SharedMessage }) {
  const { role, parts, status, meta } = message;
  return (
    <article
      data-testid="message"
      data-role={role}
      data-status={status === "interrupted" ? "error" : status}
      aria-label={role === "user" ? "They said" : "Assistant answered"}
      className={cn("flex w-full flex-col", role === "user" ? "items-end" : "items-start")}
    >
      <div
        className={cn(
          "min-w-0",
          role === "user"
            ? "max-w-[85%] rounded-2xl bg-muted px-4 py-2"
            : "w-full max-w-full text-[15px] leading-relaxed",
        )}
      >
        <MessageParts parts={parts} streaming={false} role={role} />
        {role === "assistant" && (
          <MessageFooter meta={meta} status={status} parts={parts} model={message.model as ModelId} />
        )}
      </div>
    </article>
  );
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** The read-only page at /s/<id>: a title, when it was shared, and the messages. No sidebar, no composer. */
export function SharedConversation({ share }: { share: PublicShare }) {
  return (
    <div className="min-h-dvh">
      <header className="border-b border-border px-4 py-3">
        <div className="mx-auto flex w-full max-w-3xl flex-wrap items-baseline gap-x-3">
          <h1 data-testid="share-title" className="mr-auto text-base font-semibold">
            {share.title || "Shared conversation"}
          </h1>
          <p className="text-xs text-fg-muted">
            Shared from Parley on {dateFormat.format(share.createdAt)} · read-only
          </p>
        </div>
      </header>
      <main
        data-testid="shared-conversation"
        className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-6"
      >
        {share.messages.map((m, i) => (
          // A snapshot never changes: its order is its identity.
          <SharedMessageView key={i} message={m} />
        ))}
      </main>
    </div>
  );
}
