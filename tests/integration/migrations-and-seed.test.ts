import { expect, it } from "vitest";

const DEMO_ID = "019b78c9-0a80-721d-92e8-b77ac77988cf";
import { count, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { apiUsagePeriods, diagnosticPings, memberships, users, workspaces } from "@/server/db/schema";
import { billingPeriodStart, PLANS } from "@/lib/plans";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { verifyPassword } from "@/server/auth/password";
import { DEMO_LOGINS, seedDatabase } from "@/server/db/seed";

it("migrating again, twice at once, is a no-op", async () => {
  const results = await Promise.all([migrateDatabase(process.env.DATABASE_URL!), migrateDatabase(process.env.DATABASE_URL!)]);
  expect(results).toEqual([{ applied: 0 }, { applied: 0 }]);
});

it("seeds the same rows every time, and a second seed adds nothing", async () => {
  const first = await seedDatabase(db);
  const ids = (await db.select({ id: diagnosticPings.id }).from(diagnosticPings).orderBy(diagnosticPings.id)).map((r) => r.id);
  const second = await seedDatabase(db);
  expect(first.inserted).toEqual({ diagnosticPings: 5, users: 6, workspaces: 4, memberships: 6, feedbackBoards: 1, feedbackPosts: 4 });
  expect(second.inserted).toEqual({ diagnosticPings: 0, users: 0, workspaces: 0, memberships: 0, feedbackBoards: 0, feedbackPosts: 0 });
  const [{ n }] = (await db.select({ n: count() }).from(diagnosticPings)) as [{ n: number }];
  expect(n).toBe(5);
  // Fixed seed, fixed timestamps: the same ids on every machine.
  expect(ids[0]).toBe("019b9342-50cc-7780-8912-e04e8ee28adb");
});

it("seeds the demo logins it prints: a verified owner of a personal workspace, and a support agent", async () => {
  await seedDatabase(db);
  const rows = await db.select().from(users).orderBy(users.email);
  expect(rows.map((u) => u.email)).toEqual(DEMO_LOGINS.map((l) => l.email).sort());
  const demo = rows.find((u) => u.email === "demo@groundwork.test")!;
  const support = rows.find((u) => u.email === "support@groundwork.test")!;
  expect(demo).toMatchObject({ staffRole: null, emailVerifiedAt: expect.any(Date) });
  expect(support.staffRole).toBe("support");
  for (const user of rows) expect(await verifyPassword(user.passwordHash, FACTORY_PASSWORD)).toBe(true);
  expect(DEMO_LOGINS.every((l) => l.password === FACTORY_PASSWORD)).toBe(true);
  const owned = await db
    .select({ name: workspaces.name, personal: workspaces.personal, role: memberships.role, userId: memberships.userId })
    .from(workspaces)
    .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
    .orderBy(workspaces.name, memberships.role);
  expect(owned).toEqual([
    { name: "Demo workspace", personal: true, role: "owner", userId: demo.id },
    // The operator's own workspace runs Groundwork's feedback board; support staff moderate it.
    { name: "Groundwork", personal: false, role: "admin", userId: support.id },
    { name: "Groundwork", personal: false, role: "member", userId: rows.find((u) => u.email === "member@groundwork.test")!.id },
    { name: "Groundwork", personal: false, role: "owner", userId: demo.id },
    // Its billing (Pro, past due) is seeded through the gateway: tests/integration/billing/seeded-characters.test.ts.
    { name: "Lapsed Labs", personal: false, role: "owner", userId: rows.find((u) => u.email === "pastdue@groundwork.test")!.id },
    { name: "Quota Labs", personal: false, role: "owner", userId: rows.find((u) => u.email === "quota@groundwork.test")!.id },
  ]);
  // The over-quota character's workspace is at its free plan's limit this period.
  const [usage] = await db.select().from(apiUsagePeriods);
  expect(usage).toMatchObject({ periodStart: billingPeriodStart(new Date()), requests: PLANS.free.monthlyApiRequests });
  expect(rows.find((u) => u.email === "product@groundwork.test")!.staffRole).toBe("product");
  // Fixed seed: the same account ids on every machine.
  expect(demo.id).toBe(DEMO_ID);
});
