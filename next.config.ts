import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Lets two builds live side by side (parallel test runs, benchmarks); `.next` otherwise.
  distDir: process.env.PARLEY_DIST_DIR || ".next",
  // PGlite and pg are Node-only; keep them out of the server bundle so they load from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
