import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { previewConfig } from "./config";
import { listBranches } from "./local/git";
import { countLivePreviews, listPreviewRows } from "./queries";

export async function listPreviews(db: DbOrTx) {
  const config = previewConfig();
  const [previews, active] = await Promise.all([listPreviewRows(db), countLivePreviews(db)]);
  return { previews, active, cap: config.cap, driver: config.driver };
}

/** The repository's branches with their latest commit, read with git from the configured repository. */
export async function listRepositoryBranches() {
  const { repoPath } = previewConfig();
  return { repository: repoPath, branches: await listBranches(repoPath) };
}
