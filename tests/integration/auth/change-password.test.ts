import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { securityEvents } from "@/server/db/schema";
import { signedInHeaders } from "../../support/sessions";
import { browser, call, mailTo, newUser, query } from "./helpers";

describe("change password", () => {
  it("keeps the current session and signs out the others", async () => {
    const user = await newUser();
    const here = await signedInHeaders(user.id);
    const [laptop, phone] = [await signedInHeaders(user.id), await signedInHeaders(user.id)];
    const { body } = await call("auth.changePassword", { currentPassword: FACTORY_PASSWORD, newPassword: "brand new passphrase 11" }, { ...browser(), ...here });
    expect(body.result.data).toEqual({ kind: "changed", otherSessionsSignedOut: 2 });
    expect((await query<{ id: string }>("auth.me", undefined, here)).body.result.data.id).toBe(user.id);
    expect((await query("auth.me", undefined, laptop)).body.result.data).toBeNull();
    expect((await query("auth.me", undefined, phone)).body.result.data).toBeNull();
    expect((await call("auth.signIn", { email: user.email, password: "brand new passphrase 11" })).res.status).toBe(200);
    const [event] = await db.select().from(securityEvents).where(eq(securityEvents.type, "password_changed"));
    expect(event).toMatchObject({ userId: user.id, details: "2 other sessions signed out" });
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain("Your password was changed");
  });

  it("names the current-password field when it is wrong, and the new one when it is weak", async () => {
    const user = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    const wrong = await call("auth.changePassword", { currentPassword: "not my password", newPassword: "brand new passphrase 11" }, headers);
    expect(wrong.res.status).toBe(400);
    expect(wrong.body.error.data.fieldErrors).toEqual({ currentPassword: ["Current password is incorrect"] });
    const weak = await call("auth.changePassword", { currentPassword: FACTORY_PASSWORD, newPassword: "password123" }, headers);
    expect(weak.body.error.data.fieldErrors?.newPassword?.[0]).toMatch(/most common/);
    const same = await call("auth.changePassword", { currentPassword: FACTORY_PASSWORD, newPassword: FACTORY_PASSWORD }, headers);
    expect(same.body.error.data.fieldErrors?.newPassword).toEqual(["New password must be different from your current one"]);
  });

  it("limits password attempts from a session to 10 per 15 minutes", async () => {
    const user = await newUser();
    const headers = { ...browser(), ...(await signedInHeaders(user.id)) };
    for (let i = 0; i < 10; i++) await call("auth.changePassword", { currentPassword: `guess number ${i}`, newPassword: "brand new passphrase 11" }, headers);
    const limited = await call("auth.changePassword", { currentPassword: FACTORY_PASSWORD, newPassword: "brand new passphrase 11" }, headers);
    expect(limited.res.status).toBe(429);
  });

  it("requires a session", async () => {
    expect((await call("auth.changePassword", { currentPassword: "x", newPassword: "brand new passphrase 11" })).res.status).toBe(401);
  });
});
