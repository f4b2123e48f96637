import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharedConversation } from "@/components/share/shared-conversation";
import { getDb } from "@/lib/db/client";
import { getLiveShare } from "@/lib/db/queries/shares";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page. */
const loadShare = cache(async (id: string) => getLiveShare(await getDb(), { shareId: id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = await loadShare((await params).id);
  return {
    title: share ? `${share.title || "Shared conversation"} · Parley` : "Link not available · Parley",
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

/** A shared conversation, for anyone with the link. Unknown and revoked ids look the same. */
export default async function SharedPage({ params }: Props) {
  const share = await loadShare((await params).id);
  if (!share) notFound();
  return <SharedConversation share={share} />;
}
