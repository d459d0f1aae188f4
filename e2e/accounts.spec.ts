import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { linkFromMailbox } from "./support/mailbox";

const PASSWORD = "a sturdy passphrase 42";

test("sign up, verify, enable 2FA, sign in with a code, create a workspace, invite someone who accepts", async ({ page, browser, makeUser, signInAs }) => {
  test.setTimeout(240_000);
  const email = `eve-${Date.now()}@example.test`;

  await page.goto("/sign-up");
  await expectAccessible(page);
  await page.getByLabel("Display name").fill("Eve Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);
  await expect(page.getByTestId("verify-email-banner")).toBeVisible();

  await page.goto(await linkFromMailbox(page, email, /verify-email/));
  await page.getByRole("button", { name: "Verify my email address" }).click();
  await expect(page.getByTestId("token-outcome")).toHaveAttribute("data-outcome", "done");
  await page.goto("/app");
  await expect(page.getByTestId("verify-email-banner")).toBeHidden();

  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const key = decodeBase32IgnorePadding((await page.getByTestId("totp-manual-key").textContent())!.replace(/[\s-]/g, "").toUpperCase());
  await page.getByLabel("Code from your authenticator app").fill(generateTOTP(key, 30, 6));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I've saved them" }).click();
  await expectAccessible(page);

  await page.getByTestId("account-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/sign-in\/two-factor/);
  // The enrolment code may not be replayed; the next 30-second code is inside the accepted window.
  const nextCode = generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + 1), 6);
  await page.getByLabel("Code from your authenticator app").fill(nextCode);
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);

  await page.goto("/w/new");
  await page.getByLabel("Workspace name").fill("Acme Rockets");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/w\/acme-rockets/);
  await page.goto("/w/acme-rockets/members");
  const invitee = await makeUser();
  await page.getByLabel("Email").fill(invitee.email);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByTestId("invite-row").filter({ hasText: invitee.email })).toBeVisible();

  const other = await browser.newContext();
  await signInAs(other, invitee.id);
  const inviteePage = await other.newPage();
  await inviteePage.goto(await linkFromMailbox(inviteePage, invitee.email, /\/invite\//));
  await inviteePage.getByRole("button", { name: "Join Acme Rockets" }).click();
  await inviteePage.waitForURL(/\/w\/acme-rockets/);
  await inviteePage.goto("/w/acme-rockets/members");
  await expect(inviteePage.getByTestId("member-row")).toHaveCount(2);
  await expect(inviteePage.getByTestId("member-row").filter({ hasText: "Eve Example" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: invitee.displayName })).toBeVisible();
  await expectAccessible(page);
  await other.close();
});

test("password reset end to end: mail, new password, old one refused", async ({ page, makeUser }) => {
  const user = await makeUser();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("a reset link is on its way");

  await page.goto(await linkFromMailbox(page, user.email, /reset-password/));
  await page.getByLabel("New password", { exact: true }).and(page.locator("input")).fill("a brand new passphrase 7");
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.waitForURL(/\/w\//);

  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  await page.getByLabel("Password").fill("a brand new passphrase 7");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\//);
});

test("repeated wrong passwords lock the account with a message saying when to retry", async ({ page, makeUser }) => {
  const user = await makeUser();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong password ${i}!`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  }
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many sign-in attempts for this account\. Try again in \d+ minutes?\./)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
});

test("a session revoked from another device is signed out on its next request", async ({ browser, makeUser, signInAs }) => {
  const user = await makeUser();
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  await signInAs(laptop, user.id);
  await signInAs(phone, user.id);
  const laptopPage = await laptop.newPage();
  await laptopPage.goto("/account/sessions");
  await expect(laptopPage.getByTestId("session-row")).toHaveCount(2);
  await laptopPage.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(laptopPage.getByTestId("session-row")).toHaveCount(1);

  const phonePage = await phone.newPage();
  await phonePage.goto("/app");
  await phonePage.waitForURL(/\/sign-in\?next=/);
  await laptopPage.goto("/app");
  await expect(laptopPage).toHaveURL(/\/w\//);
  await laptop.close();
  await phone.close();
});

test("someone without an account follows an invite, signs up, and lands back on the invite to join", async ({ page, browser, makeUser, signInAs }) => {
  const owner = await makeUser();
  await signInAs(page.context(), owner.id);
  await page.goto(`/w/${owner.workspaceSlug}/members`);
  const newcomer = `newcomer-${Date.now()}@example.test`;
  await page.getByLabel("Email").fill(newcomer);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByTestId("invite-row").filter({ hasText: newcomer })).toBeVisible();

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const invitePath = await linkFromMailbox(strangerPage, newcomer, /\/invite\//);
  await strangerPage.goto(invitePath);
  await strangerPage.getByRole("link", { name: "Create an account" }).click();
  // The form starts from the invited address, and the invite counts as proof of it.
  await expect(strangerPage.getByLabel("Email")).toHaveValue(newcomer);
  await strangerPage.getByLabel("Display name").fill("New Comer");
  await strangerPage.getByLabel("Password").fill(PASSWORD);
  await strangerPage.getByRole("button", { name: "Create account" }).click();
  await strangerPage.waitForURL((url) => url.pathname === invitePath);
  await strangerPage.getByRole("button", { name: /^Join / }).click();
  await strangerPage.waitForURL(new RegExp(`/w/${owner.workspaceSlug}`));
  await strangerPage.goto(`/w/${owner.workspaceSlug}/members`);
  await expect(strangerPage.getByTestId("member-row").filter({ hasText: "New Comer" })).toBeVisible();
  await expect(strangerPage.getByTestId("verify-email-banner")).toHaveCount(0);
  await stranger.close();
});

test("staff get a Jobs link in the header; other users don't", async ({ browser, makeUser, signInAs }) => {
  const [staff, member] = [await makeUser({ staffRole: "support" }), await makeUser()];
  for (const [user, expected] of [[staff, 1], [member, 0]] as const) {
    const context = await browser.newContext();
    await signInAs(context, user.id);
    const page = await context.newPage();
    await page.goto("/account");
    const nav = page.getByRole("navigation", { name: "App" });
    await expect(nav.getByRole("link", { name: "Account" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Jobs" })).toHaveCount(expected);
    if (expected) await expect(nav.getByRole("link", { name: "Jobs" })).toHaveAttribute("href", "/staff/jobs");
    await context.close();
  }
});
