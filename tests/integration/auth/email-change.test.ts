import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { securityEvents, users } from "@/server/db/schema";
import { signedInHeaders } from "../../support/sessions";
import { browser, call, mailTo, newUser, query, tokenFromMail } from "./helpers";

describe("email change", () => {
  it("takes effect only after the new address confirms; the old one is told", async () => {
    const user = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    const requested = await call("auth.requestEmailChange", { newEmail: " New.Address@Example.com ", password: FACTORY_PASSWORD }, headers);
    expect(requested.body.result.data).toEqual({ kind: "sent", newEmail: "new.address@example.com" });

    expect((await query<{ email: string }>("auth.me", undefined, headers)).body.result.data.email).toBe(user.email);
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain("Your email address is about to change");
    const token = await tokenFromMail("new.address@example.com", "/confirm-email");

    const confirmed = await call("auth.confirmEmailChange", { token });
    expect(confirmed.body.result.data).toEqual({ kind: "changed", email: "new.address@example.com" });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe("new.address@example.com");
    expect(row!.emailVerifiedAt).not.toBeNull();
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain("Your email address was changed");
    expect((await call("auth.confirmEmailChange", { token })).body.result.data).toEqual({ kind: "invalid_token", reason: "used" });

    const types = (await db.select().from(securityEvents).where(eq(securityEvents.userId, user.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["email_change_requested", "email_changed"]));
    expect((await call("auth.signIn", { email: "new.address@example.com", password: FACTORY_PASSWORD })).res.status).toBe(200);
  });

  it("checks the password and refuses the current or a taken address, by field", async () => {
    const user = await newUser();
    const other = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    const wrong = await call("auth.requestEmailChange", { newEmail: "fresh@example.com", password: "not my password" }, headers);
    expect(wrong.body.error.data.fieldErrors).toEqual({ password: ["Password is incorrect"] });
    const same = await call("auth.requestEmailChange", { newEmail: user.email, password: FACTORY_PASSWORD }, headers);
    expect(same.body.error.data.fieldErrors).toEqual({ newEmail: ["That's already your email address"] });
    const taken = await call("auth.requestEmailChange", { newEmail: other.email, password: FACTORY_PASSWORD }, headers);
    expect(taken.body.error.data.fieldErrors).toEqual({ newEmail: ["Another account already uses this email address"] });
    expect(await mailTo("fresh@example.com")).toHaveLength(0);
  });

  it("answers email_taken when another account took the address before confirmation", async () => {
    const user = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    await call("auth.requestEmailChange", { newEmail: "contested@example.com", password: FACTORY_PASSWORD }, headers);
    const token = await tokenFromMail("contested@example.com", "/confirm-email");
    await newUser({ email: "contested@example.com" });
    expect((await call("auth.confirmEmailChange", { token })).body.result.data).toEqual({ kind: "email_taken", email: "contested@example.com" });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.email).toBe(user.email);
  });

  it("only the latest request's link works", async () => {
    const user = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    await call("auth.requestEmailChange", { newEmail: "first@example.com", password: FACTORY_PASSWORD }, headers);
    const first = await tokenFromMail("first@example.com", "/confirm-email");
    await call("auth.requestEmailChange", { newEmail: "second@example.com", password: FACTORY_PASSWORD }, headers);
    expect((await call("auth.confirmEmailChange", { token: first })).body.result.data).toEqual({ kind: "invalid_token", reason: "used" });
  });
});
