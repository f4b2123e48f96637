import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Lets two builds live side by side (parallel test runs, benchmarks); `.next` otherwise.
  distDir: process.env.PARLEY_DIST_DIR || ".next",
  // PGlite and pg are Node-only; keep them out of the server bundle so they load from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // The stylesheet in the HTML, not a request the first paint waits for (measured: scripts/bench/db.ts).
  experimental: { inlineCss: true },
  async headers() {
    // Share links are for the people they were sent to, not for search engines.
    const noindex = [{ key: "X-Robots-Tag", value: "noindex, nofollow" }];
    return [
      { source: "/:path*", headers: securityHeaders() },
      { source: "/s/:path*", headers: noindex },
      { source: "/api/shares/:path*", headers: noindex },
    ];
  },
};

export default nextConfig;
