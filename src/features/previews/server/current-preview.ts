import "server-only";
import { env } from "@/server/env";
import { readPreviewRuntime } from "@/server/preview-runtime";

export type CurrentPreview = { branch: string | null; commit: string; expiresAt: Date | null };

/** Set only in a process the preview driver started (PREVIEW_COMMIT); null everywhere else, production included. */
export function currentPreview(): CurrentPreview | null {
  if (!env.PREVIEW_COMMIT) return null;
  // The runtime file has the expiry after any extend; the env, the one it started with.
  const expiresAt = readPreviewRuntime()?.expiresAt ?? env.PREVIEW_EXPIRES_AT;
  return { branch: env.PREVIEW_BRANCH ?? null, commit: env.PREVIEW_COMMIT, expiresAt: expiresAt ? new Date(expiresAt) : null };
}
