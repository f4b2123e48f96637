"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { SearchRoot } from "@/components/search/search-root";
import { Toaster } from "@/components/ui/toaster";
import { makeQueryClient } from "@/lib/client/query-client";
import { useThemeStore } from "@/lib/client/theme-store";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  const initTheme = useThemeStore((s) => s.init);
  useEffect(() => initTheme(), [initTheme]);
  // Pages are drawn by the server and usable to the eye before their scripts run; this marks the
  // moment they also answer keys and clicks (tests wait for it before pressing a shortcut).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <QueryClientProvider client={client}>
      {children}
      <SearchRoot />
      <Toaster />
    </QueryClientProvider>
  );
}
