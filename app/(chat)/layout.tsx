import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth/page-user";

export const dynamic = "force-dynamic";

/** The chat area: signed-in members and admins only (everyone, as the local user, in single-user mode). */
export default async function ChatLayout({ children }: { children: ReactNode }) {
  const { user } = await pageUser();
  if (!user) redirect("/sign-in");
  if (user.role === "pending") redirect("/pending");
  return children;
}
