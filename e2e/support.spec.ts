/**
 * The support inbox and security rules, in a real browser: a signed-out visitor files a ticket
 * from the sign-in page, it appears live in the staff inbox, staff answer and the reply arrives
 * by email; a security rule added in the console blocks a sign-up at once.
 */
import { desc, eq } from "drizzle-orm";
import * as schema from "../src/server/db/schema";
import { expect, test } from "./support/fixtures";
import { formHydrated, hydrated } from "./support/hydrated";

test("a signed-out visitor files a ticket; it appears live for staff, who answer by email and follow its links to the user page and to impersonation", async ({ browser, makeUser, signInAs, db }) => {
  // Long: the ticket, the answer, then both of its links (impersonation included) on a shared machine.
  test.setTimeout(180_000);
  const staff = await makeUser({ staffRole: "support" });
  // The one who writes signed out is the user who can't sign in: the ticket matches their account by address.
  const user = await makeUser();
  const staffContext = await browser.newContext();
  await signInAs(staffContext, staff.id);
  const inbox = await staffContext.newPage();
  await inbox.goto("/admin/support");
  await expect(inbox.getByRole("heading", { name: "Support inbox" })).toBeVisible();
  await hydrated(inbox);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const email = user.email;
  const subject = `Can't sign in ${Date.now()}`;
  await visitor.goto("/sign-in");
  await visitor.getByRole("link", { name: "Contact support" }).click();
  await formHydrated(visitor.getByRole("form", { name: "Contact support" }));
  await visitor.getByLabel("Your email").fill(email);
  await visitor.getByLabel("Subject").fill(subject);
  await visitor.getByLabel("How can we help?").fill("My password stopped working this morning.");
  await visitor.getByRole("button", { name: "Send to support" }).click();
  await expect(visitor.getByText("we've got your message")).toBeVisible();

  // Live: the inbox that was already open shows it without a reload.
  const row = inbox.getByTestId("support-tickets").getByRole("button", { name: new RegExp(subject) });
  await expect(row).toBeVisible();
  await row.click();
  const ticket = inbox.getByTestId("support-ticket");
  await expect(ticket.getByText("My password stopped working this morning.")).toBeVisible();
  await ticket.getByRole("button", { name: "Assign to me" }).click();
  await expect(ticket.getByTestId("ticket-assignee")).toHaveText(`Assigned to ${staff.displayName}`);
  await ticket.getByLabel("Reply or internal note").fill("We reset your sign-in; try again now.");
  await ticket.getByRole("button", { name: "Send reply" }).click();
  await expect(ticket.locator('[data-kind="reply"]').getByText("We reset your sign-in; try again now.")).toBeVisible();

  await expect
    .poll(async () => (await db.select().from(schema.devMailbox).where(eq(schema.devMailbox.to, email)).orderBy(desc(schema.devMailbox.id)))[0]?.subject ?? null)
    .toBe(`Re: ${subject}`);

  // Admin mode first (impersonating needs it), from the console's own button.
  await inbox.getByRole("navigation", { name: "Staff console" }).getByRole("button", { name: "Enter admin mode" }).click();
  const password = inbox.getByRole("dialog", { name: "Enter admin mode" }).getByLabel("Your password");
  await expect(async () => {
    await password.fill(staff.password);
    await expect(password).toHaveValue(staff.password, { timeout: 1_000 });
  }).toPass();
  await inbox.getByRole("dialog", { name: "Enter admin mode" }).getByRole("button", { name: "Enter admin mode" }).click();
  await expect(inbox.getByRole("dialog", { name: "Enter admin mode" })).toHaveCount(0);
  // The ticket links to impersonating the account it matched: the user page opens with the impersonation dialog.
  await inbox.getByTestId("support-ticket").getByRole("link", { name: "Impersonate…" }).click();
  await expect(inbox).toHaveURL(new RegExp(`/admin/users/${user.id}#impersonate$`));
  const dialog = inbox.getByRole("dialog", { name: "Impersonate this user" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason").fill(`Ticket: ${subject}`);
  await dialog.getByRole("button", { name: "Start impersonating" }).click();
  const banner = inbox.getByTestId("impersonation-banner");
  await expect(banner).toContainText(`You are viewing ${user.displayName}'s account`);
  await banner.getByRole("button", { name: "Stop impersonating" }).click();
  await expect(inbox).toHaveURL(new RegExp(`/admin/users/${user.id}$`));

  // …and to the account itself (the answered ticket now waits on the customer).
  await inbox.goto("/admin/support");
  await hydrated(inbox);
  await inbox.getByRole("tab", { name: /Waiting on customer/ }).click();
  await row.click();
  await ticket.getByRole("link", { name: `${user.displayName}'s account (same address; filed signed out)` }).click();
  await expect(inbox).toHaveURL(new RegExp(`/admin/users/${user.id}$`));
  await expect(inbox.getByTestId("admin-user-email")).toHaveText(user.email);
  await staffContext.close();
  await visitorContext.close();
});

test("a security rule added in the console blocks a sign-up live", async ({ browser, makeUser, signInAs }) => {
  const staff = await makeUser({ staffRole: "admin" });
  const staffContext = await browser.newContext();
  await signInAs(staffContext, staff.id);
  const console = await staffContext.newPage();
  const domain = `wave${Date.now()}.example`;
  await console.goto("/admin/security");
  await hydrated(console);
  await console.getByLabel("Kind").selectOption("blocked_email_domain");
  await console.getByLabel("Value").fill(domain);
  await console.getByLabel("Why (kept in the audit log)").fill("Spam wave");
  await console.getByRole("button", { name: "Add rule" }).click();
  // Admin mode: the password, then the add is retried.
  await console.getByLabel("Your password").fill(staff.password);
  await console.getByRole("button", { name: "Enter admin mode" }).click();
  await expect(console.getByTestId("rules-blocked_email_domain").getByText(domain)).toBeVisible();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/sign-up");
  await formHydrated(visitor.getByRole("form", { name: "Create account" }));
  await visitor.getByLabel("Display name").fill("Wave Person");
  await visitor.getByLabel("Email").fill(`someone@${domain}`);
  await visitor.getByLabel("Password").fill("lantern orchard velvet 42");
  await visitor.getByRole("button", { name: /create account/i }).click();
  await expect(visitor.getByText(`Sign-ups with ${domain} addresses aren't accepted`)).toBeVisible();
  await staffContext.close();
  await visitorContext.close();
});
