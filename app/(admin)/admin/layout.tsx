import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth/page-user";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user } = await pageUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "admin") redirect("/");
  return <div className="mx-auto max-w-4xl p-4 sm:p-8">{children}</div>;
}
