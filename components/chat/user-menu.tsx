"use client";
import Link from "next/link";
import { signOut } from "@/components/auth/sign-out-button";
import { buttonVariants } from "@/components/ui/button";
import { useServerConfig } from "@/lib/client/use-server-config";

/** Who is signed in, the admin area for admins, and sign-out. Hidden in single-user mode. */
export function UserMenu() {
  const { data } = useServerConfig();
  if (!data?.user || !data.auth || data.auth.mode === "none") return null;
  return (
    <details className="relative" data-testid="user-menu">
      <summary className={buttonVariants({ variant: "ghost", size: "sm" })} aria-label="Account">
        <span className="max-w-[8rem] truncate">{data.user.name}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 flex w-48 flex-col gap-1 rounded-md border border-border bg-bg p-2 shadow">
        <span className="truncate px-2 text-xs text-fg-muted">{data.user.email}</span>
        {data.user.role === "admin" && (
          <Link
            href="/admin"
            className={buttonVariants({ variant: "ghost", size: "sm" })}
            data-testid="admin-link"
          >
            Admin
          </Link>
        )}
        {data.auth.mode === "password" && (
          <button
            type="button"
            className={buttonVariants({ variant: "ghost", size: "sm" })}
            data-testid="sign-out"
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        )}
      </div>
    </details>
  );
}
