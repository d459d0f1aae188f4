/**
 * Two app processes on one Postgres, each with its own flag cache: a kill switch pulled
 * through this process is served by the other within a second (NOTIFY is the only link).
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setKillSwitch } from "@/features/flags/server/set-kill-switch";
import { updateFlagTargeting } from "@/features/flags/server/update-flag-targeting";
import { db } from "@/server/db/client";
import { featureFlags } from "@/server/db/schema";
import { CHILD_TEST_TIMEOUT_MS, startChildProcess } from "../../support/child-process";
import { newUser } from "../workspaces/world";
import { stopFlags } from "./world";

let child: Awaited<ReturnType<typeof startChildProcess>>;
const childValue = async (key: string, userId: string) => (await child.ask(`eval ${key} ${userId}`)).value;

beforeAll(async () => {
  child = await startChildProcess(path.join(import.meta.dirname, "flags-child.ts"));
}, CHILD_TEST_TIMEOUT_MS);

afterAll(async () => {
  await child?.stop();
  await stopFlags();
});

it("a kill switch pulled in this process is served by the other within one second, and its release too", async () => {
  const staff = await newUser({ staffRole: "admin" });
  const actor = { userId: staff.id, email: staff.email, ip: null };
  const user = await newUser();
  await updateFlagTargeting({ key: "feedback.similar-posts", version: 0, targeting: { enabled: true, rules: [], rollout: null, fallthrough: true } }, actor, db);
  await expect.poll(() => childValue("feedback.similar-posts", user.id), { timeout: 5_000, interval: 0 }).toBe(true);

  await setKillSwitch({ key: "feedback.similar-posts", killed: true, reason: "cross-process test" }, actor, db);
  await expect.poll(() => childValue("feedback.similar-posts", user.id), { timeout: 1_000, interval: 0 }).toBe(false);
  await setKillSwitch({ key: "feedback.similar-posts", killed: false }, actor, db);
  await expect.poll(() => childValue("feedback.similar-posts", user.id), { timeout: 1_000, interval: 0 }).toBe(true);
});

it("a rule added in this process targets the person in the other within one second", async () => {
  const staff = await newUser({ staffRole: "product" });
  const user = await newUser();
  const [current] = await db.select({ version: featureFlags.version }).from(featureFlags).where(eq(featureFlags.key, "boards.default-sort"));
  await updateFlagTargeting(
    { key: "boards.default-sort", version: current?.version ?? 0, targeting: { enabled: true, rules: [{ id: "one", attribute: "user", values: [user.id], serve: "new" }], rollout: null, fallthrough: "top" } },
    { userId: staff.id, email: staff.email, ip: null },
    db,
  );
  await expect.poll(() => childValue("boards.default-sort", user.id), { timeout: 1_000, interval: 0 }).toBe("new");
});
