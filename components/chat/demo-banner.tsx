"use client";
import { useServerConfig } from "@/lib/client/use-server-config";

/** Shown when the server has no AIGATEWAY_API_KEY: answers come from the built-in demo gateway. */
export function DemoBanner() {
  const { data } = useServerConfig();
  if (!data?.demo) return null;
  return (
    <div
      role="note"
      data-testid="demo-banner"
      className="border-b border-warning/30 bg-warning/10 px-4 py-2 text-center text-xs text-warning sm:text-sm"
    >
      <strong className="font-semibold">Demo mode:</strong> answers come from Parley’s built-in demo gateway,
      not a real model. To use the AI Gateway, set <code className="font-mono">AIGATEWAY_API_KEY</code> in the
      server’s environment (e.g. <code className="font-mono">.env.local</code>) and restart Parley.
    </div>
  );
}
