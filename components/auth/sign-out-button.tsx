"use client";
import { Button } from "@/components/ui/button";

export async function signOut(): Promise<void> {
  await fetch("/api/auth/sign-out", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  }).catch(() => undefined);
  window.location.assign("/sign-in");
}

export function SignOutButton() {
  return (
    <Button variant="outline" data-testid="sign-out" onClick={() => void signOut()}>
      Sign out
    </Button>
  );
}
