/** Helpers for the usage, limits and API-key tests: admin limits, keys and a plain JSON call. */
import { LOCAL_USER_ID } from "@/lib/db/local-user";

export { LOCAL_USER_ID };

export type Limits = {
  dailyUsd?: number | null;
  monthlyUsd?: number | null;
  requestsPerMinute?: number | null;
  resetSpend?: boolean;
};

export async function putLimits(
  baseUrl: string,
  body: Limits & { scope: "user" | "group"; id?: string; name?: string; memberIds?: string[] },
): Promise<{ id: string }> {
  const res = await fetch(`${baseUrl}/api/admin/limits`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PUT /api/admin/limits: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

export const setUserLimits = (baseUrl: string, limits: Limits) =>
  putLimits(baseUrl, { scope: "user", id: LOCAL_USER_ID, ...limits });

/** No limit of any kind for the local user (between tests). */
export const clearUserLimits = (baseUrl: string) =>
  setUserLimits(baseUrl, { dailyUsd: null, monthlyUsd: null, requestsPerMinute: null });

export async function createKey(baseUrl: string, name = "test"): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${baseUrl}/api/keys`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`POST /api/keys: ${res.status}`);
  const json = (await res.json()) as { key: { id: string }; secret: string };
  return { id: json.key.id, secret: json.secret };
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
