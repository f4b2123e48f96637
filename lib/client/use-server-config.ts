"use client";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "./keys";

export type ServerConfig = { demo: boolean; models?: string[] };

/** GET /api/config: what the browser may know about the server (demo mode, models). */
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
