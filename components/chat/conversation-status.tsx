"use client";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";

/** Stands in for the message list when a conversation cannot be shown. */
export function ConversationStatus({ state, retry }: { state: "not-found" | "error"; retry?: () => void }) {
  return (
    <div role="alert" data-testid="conversation-missing" className="flex-1 p-6 text-center">
      <p className="font-medium">
        {state === "not-found"
          ? "This conversation does not exist or was deleted."
          : "The conversation could not be loaded."}
      </p>
      <div className="mt-3 flex justify-center gap-2">
        {state === "error" && retry && (
          <Button variant="outline" onClick={retry}>
            Try again
          </Button>
        )}
        <Link href="/" className={buttonVariants({ variant: "default" })}>
          Start a new chat
        </Link>
      </div>
    </div>
  );
}
