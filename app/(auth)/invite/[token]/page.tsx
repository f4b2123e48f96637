import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { authMode } from "@/lib/auth/mode";
import { getDb } from "@/lib/db/client";
import { findInvite } from "@/lib/db/queries/users";

export const metadata = { title: "Accept an invite · Parley", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  if (authMode() !== "password") redirect("/");
  const { token } = await params;
  const invite = await findInvite(await getDb(), { token });
  if (!invite) {
    return (
      <p role="alert" className="text-sm">
        This invite link is not valid any more (used or expired). Ask an admin for a new one.
      </p>
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold">You are invited to Parley</h1>
      <AuthForm kind="sign-up" invite={token} />
    </>
  );
}
