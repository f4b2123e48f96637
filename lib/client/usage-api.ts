/** The browser's reads of usage and API keys (JSON errors surface as their message). */
import type { UsageRowView } from "@/lib/usage/summarise";

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

export const fetchUsage = async (scope: "mine" | "everyone", days: number) =>
  json<{ rows: UsageRowView[] }>(
    await fetch(scope === "mine" ? `/api/usage?days=${days}` : `/api/admin/usage?days=${days}`),
  );

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const fetchApiKeys = async () => json<{ keys: ApiKeyView[] }>(await fetch("/api/keys"));

export async function createApiKey(name: string): Promise<{ key: ApiKeyView; secret: string }> {
  return json(
    await fetch("/api/keys", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    }),
  );
}

export async function revokeApiKey(id: string): Promise<void> {
  const res = await fetch(`/api/keys/${id}`, { method: "DELETE" });
  if (!res.ok && res.status !== 404) throw new Error(`HTTP ${res.status}`);
}
