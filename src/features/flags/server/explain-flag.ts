import "server-only";
import type { z } from "zod";
import { explainEvaluation } from "@/lib/flags/evaluate";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { flagStore } from "@/server/flags/store";
import type { explainFlagInput, explainFlagOutput } from "../schemas";
import { selectUserByEmail, selectWorkspaceBySlug } from "./queries";

/**
 * "Who sees this": the variant a user (in a workspace, optionally) gets and the rule that
 * decided, from the same snapshot and evaluation the app serves. Overrides are personal and
 * not part of it.
 */
export async function explainFlag(input: z.output<typeof explainFlagInput>, db: DbOrTx): Promise<z.infer<typeof explainFlagOutput>> {
  const [user, workspace] = await Promise.all([
    input.userEmail ? selectUserByEmail(db, input.userEmail) : null,
    input.workspaceSlug ? selectWorkspaceBySlug(db, input.workspaceSlug) : null,
  ]);
  if (input.userEmail && !user) throw new AppError("NOT_FOUND", { userMessage: `No user with the address ${input.userEmail}.`, fieldErrors: { userEmail: ["No user with this address"] } });
  if (input.workspaceSlug && !workspace) throw new AppError("NOT_FOUND", { userMessage: `No workspace "${input.workspaceSlug}".`, fieldErrors: { workspaceSlug: ["No workspace with this slug"] } });
  const store = flagStore();
  await store.ready();
  const subject = {
    userId: user?.id ?? null,
    email: user?.email ?? null,
    staffRole: user?.staffRole ?? null,
    workspaceId: workspace?.id ?? null,
    plan: workspace?.plan ?? null,
  };
  const evaluation = store.evaluate(input.key, subject);
  return {
    ...evaluation,
    explanation: explainEvaluation(evaluation, store.targeting(input.key), subject),
    user: user ? { id: user.id, email: user.email, staffRole: user.staffRole } : null,
    workspace,
  };
}
