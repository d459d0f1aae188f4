import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { users } from "@/server/db/schema";
import { signedInHeaders } from "../../support/sessions";
import { browser, call, newUser, STRONG_PASSWORD } from "./helpers";

const userCount = async () => (await db.select({ id: users.id }).from(users)).length;

const INJECTIONS = ["' OR '1'='1' --", "\"; DROP TABLE users; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${7*7}{{7*7}}"];
const BAD_EMAILS = [
  "plainaddress",
  "@example.com",
  "someone@",
  "two@@example.com",
  "with space@example.com",
  "zero\u200bwidth@example.com",
  "\u202Eevil@example.com",
  "emoji😀@example.com",
  "nul\u0000byte@example.com",
  `${"a".repeat(250)}@example.com`,
  "x".repeat(1024 * 1024),
  ...INJECTIONS,
];
const BAD_NAMES = ["", "   ", "a".repeat(81), "nul\u0000name", "rtl\u202Eoverride", "zero\u200bwidth", "line\nbreak", "<script>alert(1)</script>", "<b>bold</b>", "x".repeat(1024 * 1024)];
const BAD_PASSWORDS = ["short", "x".repeat(257), "p".repeat(1024 * 1024), "has a nul \u0000 inside it", 12345678901, null];

function expectFieldError(res: Response, body: { error: { data: { fieldErrors: Record<string, string[]> | null } } }, field: string) {
  expect(res.status).toBe(400);
  expect(body.error.data.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
}

describe("bad input to auth procedures: 400 naming the field, never 500, nothing stored", () => {
  it.each(BAD_EMAILS.map((e) => [JSON.stringify(e).slice(0, 40), e]))("sign-up email %s", async (_label, email) => {
    const before = await userCount();
    const { res, body } = await call("auth.signUp", { email, displayName: "Valid Name", password: STRONG_PASSWORD });
    expectFieldError(res, body, "email");
    expect(await userCount()).toBe(before);
  });

  it.each(BAD_NAMES.map((n) => [JSON.stringify(n).slice(0, 40), n]))("sign-up display name %s", async (_label, displayName) => {
    const before = await userCount();
    const { res, body } = await call("auth.signUp", { email: "valid.name@example.com", displayName, password: STRONG_PASSWORD });
    expectFieldError(res, body, "displayName");
    expect(body.error.data.fieldErrors?.displayName?.[0]).toMatch(/^Display name/);
    expect(await userCount()).toBe(before);
  });

  it.each(BAD_PASSWORDS.map((p) => [JSON.stringify(p)?.slice(0, 40) ?? String(p), p]))("sign-up password %s", async (_label, password) => {
    const before = await userCount();
    const { res, body } = await call("auth.signUp", { email: "valid.pw@example.com", displayName: "Valid", password });
    expectFieldError(res, body, "password");
    expect(body.error.data.fieldErrors?.password?.[0]).toMatch(/^Password/);
    expect(await userCount()).toBe(before);
  });

  it("answers a 1 MB password with the length message, and nothing else first", async () => {
    const { body } = await call("auth.signUp", { email: "mega@example.com", displayName: "Mega", password: "p".repeat(1024 * 1024) });
    expect(body.error.data.fieldErrors).toEqual({ password: ["Password must be at most 256 characters"] });
    const signIn = await call("auth.signIn", { email: "mega@example.com", password: "p".repeat(1024 * 1024) });
    expect(signIn.body.error.data.fieldErrors).toEqual({ password: ["Password must be at most 256 characters"] });
  });

  it("stores SQL-looking and emoji display names verbatim (they are text, not code)", async () => {
    const names = ["Robert'); DROP TABLE users;--", "Zoë 👩‍💻 O'Brien", "مرحبا בעולם"];
    for (const [i, displayName] of names.entries()) {
      const { res } = await call("auth.signUp", { email: `verbatim${i}@example.com`, displayName, password: STRONG_PASSWORD });
      expect(res.status).toBe(200);
      expect((await db.select().from(users).where(eq(users.email, `verbatim${i}@example.com`)))[0]!.displayName).toBe(displayName);
    }
  });

  it.each(INJECTIONS.concat(BAD_EMAILS.slice(0, 9)))("sign-in, reset request and email change refuse email %j by field", async (email) => {
    const signIn = await call("auth.signIn", { email, password: "whatever password" });
    expectFieldError(signIn.res, signIn.body, "email");
    const reset = await call("auth.requestPasswordReset", { email });
    expectFieldError(reset.res, reset.body, "email");
    const user = await newUser();
    const change = await call("auth.requestEmailChange", { newEmail: email, password: FACTORY_PASSWORD }, { ...browser(), ...(await signedInHeaders(user.id)) });
    expectFieldError(change.res, change.body, "newEmail");
    expect(change.body.error.data.fieldErrors?.newEmail?.[0]).toMatch(/^New email/);
  });

  it.each(["auth.verifyEmail", "auth.confirmEmailChange"])("%s answers junk tokens as an invalid link, and oversized ones by field", async (path) => {
    for (const token of [...INJECTIONS, "\u202E\u0000", "😀".repeat(10)]) {
      const { res, body } = await call(path, { token });
      expect(res.status).toBe(200);
      expect(body.result.data).toEqual({ kind: "invalid_token", reason: "invalid" });
    }
    const huge = await call(path, { token: "t".repeat(1024 * 1024) });
    expectFieldError(huge.res, huge.body, "token");
    const missing = await call(path, {});
    expectFieldError(missing.res, missing.body, "token");
  });

  it("reset-password validates the new password before touching the token", async () => {
    const { res, body } = await call("auth.resetPassword", { token: "<script>", password: "x".repeat(1024 * 1024) });
    expect(res.status).toBe(400);
    expect(body.error.data.fieldErrors).toEqual({ password: ["New password must be at most 256 characters"] });
  });

  it("change-password names each field", async () => {
    const user = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    const { res, body } = await call("auth.changePassword", { currentPassword: "x".repeat(300), newPassword: "\u0000".repeat(12) }, headers);
    expect(res.status).toBe(400);
    expect(body.error.data.fieldErrors).toEqual({
      currentPassword: ["Current password must be at most 256 characters"],
      newPassword: ["New password can't contain control characters"],
    });
  });
});
