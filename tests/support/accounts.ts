/**
 * Accounts over real HTTP: sign up or in through better-auth's endpoints and keep the session
 * cookie, then call Parley's routes as that person would from its own pages (Origin included).
 */
import { randomUUID } from "node:crypto";

export type Client = {
  cookie: string;
  fetch: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
};

export function client(base: string, cookie = ""): Client {
  return {
    cookie,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("origin")) headers.set("origin", base);
      if (cookie) headers.set("cookie", cookie);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set("content-type", "application/json");
        body = JSON.stringify(init.json);
      }
      return fetch(`${base}${path}`, { ...init, headers, body, redirect: "manual" });
    },
  };
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export type Person = { name: string; email: string; password: string };
export const person = (name: string): Person => ({
  name,
  email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`,
  password: `pw-${randomUUID()}`,
});

export async function signUp(base: string, p: Person): Promise<Client> {
  const res = await client(base).fetch("/api/auth/sign-up/email", { method: "POST", json: p });
  if (!res.ok) throw new Error(`sign-up ${p.email}: ${res.status} ${await res.text()}`);
  return client(base, cookiesOf(res));
}

export async function signIn(base: string, p: Pick<Person, "email" | "password">): Promise<Response> {
  return client(base).fetch("/api/auth/sign-in/email", { method: "POST", json: p });
}

/** A saved turn to its end; returns what `parley.saved` said. */
export async function chatTurn(c: Client, body: Record<string, unknown>) {
  const res = await c.fetch("/api/chat", { method: "POST", json: body });
  const text = await res.text();
  const saved = /event: parley\.saved\ndata: (.*)\n/.exec(text)?.[1];
  if (!res.ok || !saved) throw new Error(`chat: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(saved) as {
    conversationId: string;
    userMessageId: string;
    assistantMessageId: string;
    generationId: string;
  };
}
