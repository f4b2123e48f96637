"use client";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { ConversationStatus } from "@/components/chat/conversation-status";

/** The server could not read the conversation (database down, …): say so, and offer to try again. */
export default function ConversationError({ reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return <ConversationStatus state="error" retry={retry} />;
}
