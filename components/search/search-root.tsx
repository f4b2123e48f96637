"use client";
import dynamic from "next/dynamic";
import { Suspense } from "react";
import { useSearchStore } from "@/lib/client/search-store";
import { MessageLinkTarget } from "./message-link-target";
import { useSearchShortcut } from "./use-search-shortcut";

/**
 * The dialog and what opening a result needs (the chat actions, the results list) load the first
 * time search opens: every page carries this root, few visits search.
 */
const SearchDialog = dynamic(() => import("./search-dialog").then((m) => m.SearchDialog), { ssr: false });

/**
 * Search on every page: the Ctrl/Cmd+K shortcut, the dialog, and revealing the message a result
 * (or a `?m=` link) points at. Mounted once, in the providers.
 */
export function SearchRoot() {
  useSearchShortcut();
  const open = useSearchStore((s) => s.open);
  return (
    <>
      {open && <SearchDialog />}
      {/* useSearchParams needs a Suspense boundary, or every static page renders on the client. */}
      <Suspense fallback={null}>
        <MessageLinkTarget />
      </Suspense>
    </>
  );
}
