"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { CopyIcon, TrashIcon } from "@/components/ui/icons";
import { queryKeys } from "@/lib/client/keys";
import {
  absoluteShareUrl,
  copyText,
  fetchShares,
  revokeShareLink,
  type ShareRecord,
} from "@/lib/client/shares-api";
import { useToastStore } from "@/lib/client/toast-store";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function SharedLinkRow({ share }: { share: ShareRecord }) {
  const client = useQueryClient();
  const toast = useToastStore((s) => s.show);
  const url = absoluteShareUrl(share.url);
  const revoke = useMutation({
    mutationFn: () => revokeShareLink(share.id),
    onSuccess: () => toast({ message: "Link revoked: it no longer opens." }),
    onError: (e) => toast({ tone: "error", message: `Could not revoke: ${(e as Error).message}` }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.shares }),
  });
  return (
    <li data-testid="shared-link" data-share-id={share.id} className="flex items-center gap-2 py-1.5">
      <div className="min-w-0 flex-1">
        <a
          href={share.url}
          target="_blank"
          rel="noreferrer"
          className="block truncate text-sm hover:underline"
          data-testid="shared-link-open"
        >
          {share.title || "Untitled conversation"}
        </a>
        <p className="text-xs text-fg-muted">
          {dateFormat.format(new Date(share.createdAt))} · {share.messageCount} messages
        </p>
      </div>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Copy link"
        data-testid="shared-link-copy"
        onClick={async () =>
          toast({ message: (await copyText(url)) ? "Link copied." : `Share link: ${url}` })
        }
      >
        <CopyIcon />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Revoke link"
        data-testid="shared-link-revoke"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate()}
      >
        <TrashIcon />
      </Button>
    </li>
  );
}

/** Settings → "Shared links": every live link the user made, with copy and revoke. */
export function SharedLinksSection() {
  const shares = useQuery({ queryKey: queryKeys.shares, queryFn: ({ signal }) => fetchShares(signal) });
  return (
    <section className="space-y-2" data-testid="shared-links">
      <h3 className="text-sm font-medium">Shared links</h3>
      <p className="text-xs text-fg-muted">
        Anyone with a link can read that snapshot of the conversation, without an account, until you revoke
        it.
      </p>
      {shares.isPending ? (
        <p className="text-xs text-fg-muted">Loading…</p>
      ) : shares.isError ? (
        <p className="text-xs text-danger">Could not load your shared links.</p>
      ) : shares.data.length === 0 ? (
        <p className="text-xs text-fg-muted" data-testid="shared-links-empty">
          You have not shared anything.
        </p>
      ) : (
        <ul className="divide-y divide-border">
          {shares.data.map((s) => (
            <SharedLinkRow key={s.id} share={s} />
          ))}
        </ul>
      )}
    </section>
  );
}
