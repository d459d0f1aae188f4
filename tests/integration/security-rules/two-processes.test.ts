/**
 * Two app processes on one Postgres, each with its own copy of the rules: a rule a staff member
 * adds through this process refuses sign-ups in the other, and its removal lets them through
 * again (NOTIFY is the only link between the two). How fast is measured by
 * `npm run bench:security-rules` (a figure, not a timed assertion: this machine is shared).
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addSecurityRule } from "@/features/security-rules/server/add-security-rule";
import { removeSecurityRule } from "@/features/security-rules/server/remove-security-rule";
import { db } from "@/server/db/client";
import { stopSecurityRulesStore } from "@/server/security-rules/store";
import { CHILD_TEST_TIMEOUT_MS, startChildProcess } from "../../support/child-process";
import { newUser } from "../workspaces/world";

let child: Awaited<ReturnType<typeof startChildProcess>>;
const childAllows = async (email: string, ip: string) => (await child.ask(`signup ${email} ${ip}`)).allowed;

beforeAll(async () => {
  child = await startChildProcess(path.join(import.meta.dirname, "rules-child.ts"));
}, CHILD_TEST_TIMEOUT_MS);

afterAll(async () => {
  await child?.stop();
  await stopSecurityRulesStore();
});

it("a blocked email domain added here is enforced by the other process, and its removal too", async () => {
  const staff = await newUser({ staffRole: "support" });
  const actor = { userId: staff.id, email: staff.email, ip: null };
  expect(await childAllows("x@wave.example", "192.0.2.1")).toBe(true);

  const rule = await addSecurityRule({ kind: "blocked_email_domain", value: "wave.example", action: "refuse" }, actor, db);
  await expect.poll(() => childAllows("x@wave.example", "192.0.2.1"), { interval: 0 }).toBe(false);
  await removeSecurityRule({ id: rule.id }, actor, db);
  await expect.poll(() => childAllows("x@wave.example", "192.0.2.1"), { interval: 0 }).toBe(true);
});

it("a blocked IP range added here refuses that network in the other process", async () => {
  const staff = await newUser({ staffRole: "admin" });
  await addSecurityRule({ kind: "blocked_ip_range", value: "198.18.0.0/15", action: "refuse" }, { userId: staff.id, email: staff.email, ip: null }, db);
  await expect.poll(() => childAllows("y@example.com", "198.19.4.4"), { interval: 0 }).toBe(false);
  expect(await childAllows("y@example.com", "198.20.0.1")).toBe(true);
});
