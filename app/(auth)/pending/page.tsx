import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { pageUser } from "@/lib/auth/page-user";

export default async function PendingPage() {
  const { user } = await pageUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "pending") redirect("/");
  return (
    <>
      <h1 className="text-lg font-semibold">Waiting for approval</h1>
      <p className="text-sm" data-testid="pending-note">
        Your account ({user.email}) is waiting for an admin of this Parley to approve it.
      </p>
      <SignOutButton />
    </>
  );
}
