import fs from "node:fs";

/** The commit `next build` baked into the build the e2e servers serve (next.config.ts). */
export function builtCommit(): string {
  const files = JSON.parse(fs.readFileSync(".next/required-server-files.json", "utf8")) as { config: { env: Record<string, string> } };
  return files.config.env.NEXT_PUBLIC_GIT_COMMIT!;
}
