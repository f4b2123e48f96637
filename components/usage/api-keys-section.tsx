"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { queryKeys } from "@/lib/client/keys";
import { createApiKey, fetchApiKeys, revokeApiKey } from "@/lib/client/usage-api";

/** Create and revoke Parley API keys for /api/v1; a new key's secret is shown once, here. */
export function ApiKeysSection() {
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({ queryKey: queryKeys.apiKeys, queryFn: fetchApiKeys });
  const create = useMutation({
    mutationFn: () => createApiKey(name.trim()),
    onSuccess: (made) => {
      setSecret(made.secret);
      setName("");
      void qc.invalidateQueries({ queryKey: queryKeys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
  const live = (keys.data?.keys ?? []).filter((k) => !k.revokedAt);
  return (
    <section className="flex flex-col gap-3" data-testid="api-keys" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" className="text-base font-semibold">
        API keys
      </h2>
      <p className="text-sm text-fg-muted">
        Use Parley from scripts and the OpenAI SDK: base URL <code>/api/v1</code>, a key as the API key. Calls
        count against your budget.
      </p>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Input
          className="w-full"
          aria-label="Key name"
          placeholder="Name (e.g. laptop script)"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" disabled={create.isPending} data-testid="create-api-key">
          Create key
        </Button>
      </form>
      {secret && (
        <div className="rounded-md border border-warning/40 bg-warning/5 p-3 text-sm" role="status">
          <p className="font-medium">Copy this key now: it is not shown again.</p>
          <code className="mt-1 block break-all" data-testid="api-key-secret">
            {secret}
          </code>
        </div>
      )}
      {create.error && <p className="text-sm text-danger">{create.error.message}</p>}
      <ul className="divide-y divide-border rounded-md border border-border">
        {live.length === 0 && <li className="p-3 text-sm text-fg-muted">No keys yet.</li>}
        {live.map((k) => (
          <li key={k.id} className="flex items-center gap-3 p-3 text-sm" data-testid="api-key-row">
            <code>{k.prefix}…</code>
            <span className="flex-1 truncate">{k.name || "Unnamed"}</span>
            <span className="text-xs text-fg-muted">
              {k.lastUsedAt ? `used ${new Date(k.lastUsedAt).toLocaleDateString()}` : "never used"}
            </span>
            <Button variant="outline" size="sm" onClick={() => revoke.mutate(k.id)}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
