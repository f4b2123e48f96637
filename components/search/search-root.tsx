"use client";
import { Suspense } from "react";
import { MessageLinkTarget } from "./message-link-target";
import { SearchDialog } from "./search-dialog";
import { useSearchShortcut } from "./use-search-shortcut";

/**
 * Search on every page: the Ctrl/Cmd+K shortcut, the dialog, and revealing the message a result
 * (or a `?m=` link) points at. Mounted once, in the providers.
 */
export function SearchRoot() {
  useSearchShortcut();
  return (
    <>
      <SearchDialog />
      {/* useSearchParams needs a Suspense boundary, or every static page renders on the client. */}
      <Suspense fallback={null}>
        <MessageLinkTarget />
      </Suspense>
    </>
  );
}
