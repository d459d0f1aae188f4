import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { evaluateClientFlags } from "@/server/flags/flags";
import { flagStore, type FlagSubject } from "@/server/flags/store";
import type { evaluateFlagsInput, evaluateFlagsOutput } from "../schemas";
import { selectVisibleWorkspace } from "./queries";

/**
 * The browser's flag values for this person (and the workspace the page is in, when they may
 * see it): what a tab
 * refetches when the flags channel says something changed. `fresh` waits for this process to
 * reload its snapshot first (coalesced), so a tab that heard of a change never reads the value
 * from before it.
 */
export async function evaluateFlagsForClient(
  input: z.output<typeof evaluateFlagsInput>,
  subject: FlagSubject,
  db: DbOrTx,
): Promise<z.infer<typeof evaluateFlagsOutput>> {
  const workspace = input.workspaceSlug ? await selectVisibleWorkspace(db, input.workspaceSlug, subject.userId ?? null) : null;
  if (input.fresh) await flagStore().reload();
  return { values: await evaluateClientFlags({ ...subject, workspaceId: workspace?.id ?? null, plan: workspace?.plan ?? null }) };
}
