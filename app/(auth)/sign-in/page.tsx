import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { authMode, oidcConfigured } from "@/lib/auth/mode";
import { pageUser } from "@/lib/auth/page-user";
import { serverEnv } from "@/lib/env";

export const metadata = { title: "Sign in · Parley" };

export default async function SignInPage() {
  if (authMode() !== "password" || (await pageUser()).user) redirect("/");
  return (
    <>
      <h1 className="text-lg font-semibold">Sign in to Parley</h1>
      <AuthForm kind="sign-in" oidcName={oidcConfigured() ? serverEnv().PARLEY_OIDC_NAME : undefined} />
    </>
  );
}
