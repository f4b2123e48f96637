import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { authMode } from "@/lib/auth/mode";
import { pageUser } from "@/lib/auth/page-user";
import { getDb } from "@/lib/db/client";
import { getSignUpPolicy } from "@/lib/db/queries/settings";
import { countAccounts } from "@/lib/db/queries/users";

export const metadata = { title: "Create an account · Parley" };

const NOTE = {
  open: null,
  invite: "New accounts wait for an admin's approval (or use an invite link).",
  closed: "Sign-up is closed on this Parley. Ask an admin for an account.",
} as const;

export default async function SignUpPage() {
  if (authMode() !== "password" || (await pageUser()).user) redirect("/");
  const db = await getDb();
  const first = (await countAccounts(db)) === 0;
  const note = first ? "The first account becomes this Parley's admin." : NOTE[await getSignUpPolicy(db)];
  return (
    <>
      <h1 className="text-lg font-semibold">Create a Parley account</h1>
      {note && (
        <p className="text-sm text-fg-muted" data-testid="sign-up-note">
          {note}
        </p>
      )}
      <AuthForm kind="sign-up" />
    </>
  );
}
