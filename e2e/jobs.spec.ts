/**
 * The jobs page's replay, in a real browser: a staff write like every other, so the first replay
 * asks for the password (admin mode) and then goes through; the email is delivered.
 */
import { desc, eq } from "drizzle-orm";
import * as schema from "../src/server/db/schema";
import { expect, test } from "./support/fixtures";
import { hydrated } from "./support/hydrated";

test("replaying a dead-lettered email asks for admin mode first, then delivers it", async ({ page, makeUser, signInAs, db }) => {
  const staff = await makeUser({ staffRole: "support" });
  const to = `replay-${Date.now()}@jobs.example`;
  const [row] = await db
    .insert(schema.outbox)
    .values({ kind: "email", payload: { to, subject: "Your sign-in link", text: "t", html: "<p>h</p>" }, attempts: 5, lastError: "SMTP 451: try later", deadLetteredAt: new Date() })
    .returning({ id: schema.outbox.id });
  await signInAs(page.context(), staff.id);
  await page.goto("/staff/jobs");
  await hydrated(page);

  const replay = page.getByRole("button", { name: `Replay email to ${to}` });
  await replay.click();
  const prompt = page.getByRole("dialog", { name: "Enter admin mode" });
  await expect(prompt).toBeVisible();
  // Nothing was replayed before the password.
  expect((await db.select({ replays: schema.outbox.replays }).from(schema.outbox).where(eq(schema.outbox.id, row!.id)))[0]?.replays).toBe(0);
  await prompt.getByLabel("Your password").fill(staff.password);
  await prompt.getByRole("button", { name: "Enter admin mode" }).click();

  await expect(page.getByTestId("toast").filter({ hasText: "Email replayed" })).toBeVisible();
  await expect(replay).toHaveCount(0);
  await expect
    .poll(async () => (await db.select().from(schema.devMailbox).where(eq(schema.devMailbox.to, to)).orderBy(desc(schema.devMailbox.id)))[0]?.subject ?? null)
    .toBe("Your sign-in link");
  expect((await db.select({ replays: schema.outbox.replays }).from(schema.outbox).where(eq(schema.outbox.id, row!.id)))[0]?.replays).toBe(1);
});
