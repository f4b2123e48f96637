"use client";
import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Props = {
  kind: "sign-in" | "sign-up";
  /** An invite link's token: sign-up sends it so the account skips approval. */
  invite?: string;
  /** "Sign in with <name>" when OIDC is configured. */
  oidcName?: string;
};

/** better-auth answers `{ message }`, Parley's routes `{ error: { message } }`. */
async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as {
    message?: string;
    error?: { message?: string };
  } | null;
  return body?.error?.message ?? body?.message ?? `Parley's server answered HTTP ${res.status}.`;
}

/** Email + password against better-auth's endpoints; on success the chat opens. */
export function AuthForm({ kind, invite, oidcName }: Props) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const body =
      kind === "sign-up"
        ? { name: form.get("name"), email: form.get("email"), password: form.get("password") }
        : { email: form.get("email"), password: form.get("password") };
    try {
      const res = await fetch(`/api/auth/${kind}/email`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(invite ? { "x-parley-invite": invite } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        setError(await errorText(res));
        return;
      }
      window.location.assign("/");
    } catch {
      setError("Your browser could not reach Parley's server.");
    } finally {
      setBusy(false);
    }
  }

  async function oidc() {
    setError(null);
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/", errorCallbackURL: "/sign-in" }),
    });
    if (!res.ok) return setError(await errorText(res));
    const { url } = (await res.json()) as { url?: string };
    if (url) window.location.assign(url);
  }

  return (
    <div className="space-y-4">
      <form action={submit} className="space-y-3" data-testid={`${kind}-form`}>
        {kind === "sign-up" && (
          <div className="space-y-1">
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input
              className="w-full"
              id={`${id}-name`}
              name="name"
              required
              maxLength={100}
              autoComplete="name"
            />
          </div>
        )}
        <div className="space-y-1">
          <Label htmlFor={`${id}-email`}>Email</Label>
          <Input
            className="w-full"
            id={`${id}-email`}
            name="email"
            type="email"
            required
            autoComplete="email"
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor={`${id}-password`}>Password</Label>
          <Input
            className="w-full"
            id={`${id}-password`}
            name="password"
            type="password"
            required
            minLength={8}
            maxLength={128}
            autoComplete={kind === "sign-up" ? "new-password" : "current-password"}
          />
        </div>
        {error && (
          <p role="alert" data-testid="auth-error" className="text-sm text-danger">
            {error}
          </p>
        )}
        <Button type="submit" className="w-full" disabled={busy}>
          {kind === "sign-up" ? "Create account" : "Sign in"}
        </Button>
      </form>
      {oidcName && (
        <Button variant="outline" className="w-full" onClick={() => void oidc()} data-testid="oidc-sign-in">
          Sign in with {oidcName}
        </Button>
      )}
      <p className="text-center text-sm text-fg-muted">
        {kind === "sign-in" ? (
          <Link href="/sign-up" className="underline">
            Create an account
          </Link>
        ) : (
          <Link href="/sign-in" className="underline">
            I already have an account
          </Link>
        )}
      </p>
    </div>
  );
}
