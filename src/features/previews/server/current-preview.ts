import "server-only";
import { env } from "@/server/env";

export type CurrentPreview = { branch: string | null; commit: string; expiresAt: Date | null };

/** Set only in a process the preview driver started (PREVIEW_COMMIT); null everywhere else, production included. */
export function currentPreview(): CurrentPreview | null {
  if (!env.PREVIEW_COMMIT) return null;
  return { branch: env.PREVIEW_BRANCH ?? null, commit: env.PREVIEW_COMMIT, expiresAt: env.PREVIEW_EXPIRES_AT ? new Date(env.PREVIEW_EXPIRES_AT) : null };
}
