import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { authMode } from "@/lib/auth/mode";

export const dynamic = "force-dynamic";

/** Sign-in, sign-up, invites and the pending page. Single-user mode has none of them: it goes straight in. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  if (authMode() === "none") redirect("/");
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-4 rounded-lg border border-border p-6">{children}</div>
    </main>
  );
}
