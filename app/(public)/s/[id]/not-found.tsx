import type { Metadata } from "next";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** The same words for a link that never existed and one that was revoked. */
export default function ShareNotFound() {
  return (
    <main
      data-testid="share-unavailable"
      className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-2 p-6"
    >
      <h1 className="text-lg font-semibold">This link is no longer available</h1>
      <p className="text-sm text-fg-muted">
        The conversation may have been unshared by its owner, or the link was mistyped.
      </p>
    </main>
  );
}
