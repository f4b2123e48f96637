"use client";
import dynamic from "next/dynamic";
import { Suspense } from "react";
import { useSearchStore } from "@/lib/client/search-store";
import { MessageLinkTarget } from "./message-link-target";
import { useSearchShortcut } from "./use-search-shortcut";

/**
 * The dialog and what opening a result needs (the chat actions, the results list) load the first
 * time search opens, or when Ctrl/Cmd goes down: every page carries this root, few visits search.
 */
const loadDialog = () => import("./search-dialog");
const SearchDialog = dynamic(() => loadDialog().then((m) => m.SearchDialog), { ssr: false });
/** Early and best effort: if this load fails, opening the dialog tries again. */
const preloadDialog = () => void loadDialog().catch(() => undefined);

/**
 * Search on every page: the Ctrl/Cmd+K shortcut, the dialog, and revealing the message a result
 * (or a `?m=` link) points at. Mounted once, in the providers.
 */
export function SearchRoot() {
  useSearchShortcut(preloadDialog);
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
