import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { describeDevice } from "@/features/auth/server/sessions/describe-device";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { signedInHeaders } from "../../support/sessions";
import { call, newUser, query } from "./helpers";

type Page = { items: Array<{ id: string; type: string }>; nextCursor: string | null };

describe("security log", () => {
  it("returns only the viewer's events, newest first, in keyset pages", async () => {
    const me = await newUser();
    const someoneElse = await newUser();
    for (let i = 0; i < 3; i++) await call("auth.signIn", { email: me.email, password: FACTORY_PASSWORD });
    await call("auth.signIn", { email: me.email, password: "wrong password here" });
    await call("auth.signIn", { email: someoneElse.email, password: FACTORY_PASSWORD });
    await call("auth.signIn", { email: someoneElse.email, password: "wrong password here" });

    const headers = await signedInHeaders(me.id);
    const first = await query<Page>("auth.securityLog", { limit: 3 }, headers);
    expect(first.body.result.data.items.map((e) => e.type)).toEqual(["sign_in_failed", "sign_in", "sign_in"]);
    const second = await query<Page>("auth.securityLog", { limit: 3, cursor: first.body.result.data.nextCursor }, headers);
    expect(second.body.result.data.items.map((e) => e.type)).toEqual(["sign_in"]);
    expect(second.body.result.data.nextCursor).toBeNull();
    const ids = [...first.body.result.data.items, ...second.body.result.data.items].map((e) => e.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(Object.keys(first.body.result.data.items[0]!).sort()).toEqual(["createdAt", "details", "device", "id", "ip", "type", "userAgent"]);
    // The same words as the sessions page ("Chrome 130 on Linux"), not the raw header.
    const [latest] = first.body.result.data.items as unknown as { userAgent: string | null; device: string }[];
    expect(latest!.device).toBe(describeDevice(latest!.userAgent));
    void db;
  });

  it("requires a session and validates the page size", async () => {
    expect((await query("auth.securityLog", { limit: 5 })).res.status).toBe(401);
    const user = await newUser();
    const bad = await query("auth.securityLog", { limit: 500 }, await signedInHeaders(user.id));
    expect(bad.res.status).toBe(400);
    expect(bad.body.error.data.fieldErrors?.limit).toEqual(["Limit must be at most 50"]);
  });
});
