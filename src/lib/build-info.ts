/** Baked in by next.config.ts at build time, so a deployed page says exactly what it runs. */
export const buildInfo = {
  version: process.env.NEXT_PUBLIC_APP_VERSION ?? "0.0.0-dev",
  commit: process.env.NEXT_PUBLIC_GIT_COMMIT ?? "unknown",
} as const;
