import { sql } from "drizzle-orm";
import { createRandom } from "../src/lib/random";
import { createWorkspaceWithMembers } from "../src/server/db/factories";
import { expect, test } from "./support/fixtures";

test("a member sees another admin's change live, and an event sent while they were offline arrives on reconnect", async ({ browser, db, makeUser, signInAs }) => {
  const [alice, bob] = [await makeUser(), await makeUser()];
  const team = await createWorkspaceWithMembers(db, createRandom(Date.now() % 1_000_000), {
    owner: alice,
    members: [{ user: bob, role: "member" }],
    name: `Realtime ${Date.now() % 100_000}`,
  });
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  await signInAs(a, alice.id);
  await signInAs(b, bob.id);
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  await pageA.goto(`/w/${team.slug}/members`);
  await pageB.goto(`/w/${team.slug}/members`);
  const indicatorB = pageB.getByTestId("live-indicator");
  // The chromium-pusher project's server has Pusher configured (serve.ts --pusher); the other SSE.
  const transport = (test.info().project.metadata as { transport?: string }).transport ?? "sse";
  await expect(indicatorB).toHaveAttribute("data-status", "live");
  await expect(indicatorB).toHaveAttribute("data-transport", transport);
  await expect(indicatorB).toHaveText("Live");
  const bobRow = pageB.locator(`[data-testid="member-row"][data-user-id="${bob.id}"]`);
  await expect(bobRow).toContainText("Member");

  // Live: Alice makes Bob an admin; Bob's page shows it without a reload.
  const started = Date.now();
  await pageA.getByLabel(`Role of ${bob.displayName}`).selectOption("admin");
  await expect(bobRow).toContainText("Admin");
  test.info().annotations.push({ type: "live update", description: `${Date.now() - started} ms from Alice's click to Bob's table` });

  // Bob drops off; the indicator says so.
  await b.setOffline(true);
  await expect(indicatorB).toHaveAttribute("data-status", "reconnecting");
  await expect(indicatorB).toHaveText("Reconnecting…");

  // Published while Bob is away…
  await pageA.getByLabel(`Role of ${bob.displayName}`).selectOption("member");
  // exact: the toaster's aria-live announcer can hold the same words for a moment (strict mode).
  await expect(pageA.getByText("They are now a member.", { exact: true })).toBeVisible();
  const [row] = (await db.execute(sql`select max(id)::text as id from realtime_events where channel = ${`workspace:${team.id}`}`)) as unknown as { id: string }[];

  // …arrives once he's back: over SSE by Last-Event-ID replay (the stream's last id is that
  // event's); Pusher keeps no history, so the client refetches on reconnect instead.
  await b.setOffline(false);
  await expect(indicatorB).toHaveAttribute("data-status", "live");
  if (transport === "sse") await expect(indicatorB).toHaveAttribute("data-last-event-id", row!.id);
  await expect(bobRow).toContainText("Member");
  await expect(bobRow).not.toContainText("Admin");

  await a.close();
  await b.close();
});
