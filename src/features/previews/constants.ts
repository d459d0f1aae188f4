/**
 * Preview values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

/** The pipeline, in order. Labels are what the console shows. */
export const PREVIEW_STEPS = [
  { name: "checkout", label: "Check out the commit" },
  { name: "install", label: "Install dependencies" },
  { name: "database", label: "Create its database" },
  { name: "migrate", label: "Migrate" },
  { name: "seed", label: "Seed the characters" },
  { name: "build", label: "Build" },
  { name: "start", label: "Start" },
  { name: "health", label: "Health check" },
  { name: "smoke", label: "Smoke test" },
] as const;

export type PreviewStepName = (typeof PREVIEW_STEPS)[number]["name"];
