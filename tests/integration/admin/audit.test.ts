import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, FACTORY_PASSWORD } from "@/server/db/factories";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";

const random = createRandom(4242);
let seq = 0;
const email = (tag: string) => `${tag}-${++seq}@staff-audit.test`;

async function staff() {
  const user = await createUser(db, random, { email: email("staff"), displayName: "Alex Audit", staffRole: "support" });
  const caller = await callerWithHeaders(await signedInHeaders(user.id, { twoFactorVerified: true }));
  await caller.admin.enterAdminMode({ password: FACTORY_PASSWORD });
  return { user, caller };
}

describe("/admin/audit", () => {
  it("lists staff actions newest first with reason and change, finds them by action, target, reason or staff address, and pages by keyset", async () => {
    const s = await staff();
    const target = await createUser(db, random, { email: email("target") });
    await s.caller.admin.setLock({ userId: target.id, locked: true, reason: "Chargeback review 7731" });
    await s.caller.admin.setLock({ userId: target.id, locked: false, reason: "Review 7731 cleared" });

    const byTarget = await s.caller.admin.audit({ query: target.id });
    expect(byTarget.items.map((e) => e.reason)).toEqual(["Review 7731 cleared", "Chargeback review 7731"]);
    expect(byTarget.items[0]).toMatchObject({ actorEmail: s.user.email, targetId: target.id });

    const byReason = await s.caller.admin.audit({ query: "7731" });
    expect(byReason.items.map((e) => e.targetId)).toEqual([target.id, target.id]);
    expect((await s.caller.admin.audit({ query: s.user.email })).items.some((e) => e.action === "admin_mode.enter" || e.targetId === target.id)).toBe(true);
    expect((await s.caller.admin.audit({ query: "no such thing 98321" })).items).toEqual([]);

    const first = await s.caller.admin.audit({ query: "7731", limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await s.caller.admin.audit({ query: "7731", limit: 1, cursor: first.nextCursor });
    expect(second.items.map((e) => e.reason)).toEqual(["Chargeback review 7731"]);
    expect(second.nextCursor).toBeNull();
    // A cursor is bound to its query.
    await expect(s.caller.admin.audit({ query: "other", cursor: first.nextCursor })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is append-only: the database refuses to change or remove an entry", async () => {
    const s = await staff();
    const [entry] = (await s.caller.admin.audit({ query: s.user.email, limit: 1 })).items;
    expect(entry).toBeTruthy();
    await expect(db.execute(sql`update staff_audit_log set reason = 'edited' where id = ${entry!.id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from staff_audit_log where id = ${entry!.id}`)).rejects.toThrow();
  });
});
