import "server-only";
import path from "node:path";
import { env } from "@/server/env";

/** Where previews come from and live (validated env; `.env.example` documents each). */
export function previewConfig() {
  return {
    driver: env.PREVIEW_DRIVER,
    repoPath: path.resolve(/* turbopackIgnore: true */ env.PREVIEW_REPO_PATH ?? process.cwd()),
    root: path.resolve(/* turbopackIgnore: true */ env.PREVIEW_ROOT),
    cap: env.PREVIEW_MAX_CONCURRENT,
    ttlHours: env.PREVIEW_TTL_HOURS,
    portBase: env.PREVIEW_PORT_BASE,
    host: env.PREVIEW_HOST,
    installCache: env.PREVIEW_INSTALL_CACHE,
  };
}

/** Identifiers derived from the preview id (hex only), so they are safe in SQL and paths. */
export const previewDatabaseName = (previewId: string) => `gw_preview_${previewId.replace(/-/g, "")}`;
export const previewDir = (previewId: string) => path.join(previewConfig().root, previewId);
export const previewWorktree = (previewId: string) => path.join(previewDir(previewId), "app");
