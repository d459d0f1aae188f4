import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { env } from "@/server/env";
import { logger } from "@/server/logging/logger";

/** What the preview driver tells a running preview (`writePreviewRuntime`). */
export type PreviewRuntime = { expiresAt: string; flags: Record<string, unknown> };
const runtimeSchema = z.object({ expiresAt: z.iso.datetime({ offset: true }), flags: z.record(z.string(), z.unknown()) });

let cached: { mtimeMs: number; runtime: PreviewRuntime | null } | null = null;

/**
 * The preview's runtime file (PREVIEW_RUNTIME_FILE), re-read when it changes: an extend or a
 * flag set in the console shows on the next request, without a restart. Null outside a
 * preview, or when the file is missing or unreadable (the env's values then stand).
 */
export function readPreviewRuntime(): PreviewRuntime | null {
  const file = env.PREVIEW_RUNTIME_FILE;
  if (!file) return null;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
  if (cached?.mtimeMs === mtimeMs) return cached.runtime;
  let runtime: PreviewRuntime | null = null;
  try {
    const parsed = runtimeSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (parsed.success) runtime = parsed.data;
    else logger.warn({ file, issues: parsed.error.issues.length }, "preview runtime file is not valid; ignored");
  } catch (error) {
    logger.warn({ err: error, file }, "preview runtime file could not be read; ignored");
  }
  cached = { mtimeMs, runtime };
  return runtime;
}
