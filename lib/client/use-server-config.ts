"use client";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "./keys";

export type ServerConfig = {
  demo: boolean;
  /** The models the admin offers, and the default for people who have not picked one. */
  models?: string[];
  defaultModel?: string;
  auth?: { mode: "none" | "password" | "header"; oidc: boolean };
  user?: { id: string; name: string; email: string | null; role: "admin" | "member" | "pending" };
};

/** GET /api/config: what the browser may know about the server (demo mode, models, who is signed in). */
export function useServerConfig() {
  return useQuery({
    queryKey: queryKeys.config,
    queryFn: async (): Promise<ServerConfig> => {
      const res = await fetch("/api/config");
      if (!res.ok) throw new Error(`config: HTTP ${res.status}`);
      return (await res.json()) as ServerConfig;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}
