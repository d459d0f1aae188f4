/**
 * Two app processes on one Postgres, each with its own flag cache: a kill switch pulled
 * through this process is served by the other within a second (NOTIFY is the only link).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setKillSwitch } from "@/features/flags/server/set-kill-switch";
import { updateFlagTargeting } from "@/features/flags/server/update-flag-targeting";
import { hermeticEnv } from "@/lib/env-keys";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { featureFlags } from "@/server/db/schema";
import { newUser } from "../workspaces/world";
import { stopFlags } from "./world";

let child: ChildProcess;
const lines: Array<{ tag?: string; value?: unknown; ready?: boolean }> = [];
let counter = 0;

async function childValue(key: string, userId: string) {
  const tag = String(++counter);
  child.stdin!.write(`eval ${key} ${userId} ${tag}\n`);
  for (;;) {
    const found = lines.find((l) => l.tag === tag);
    if (found) return found.value;
    await new Promise((r) => setTimeout(r, 2));
  }
}

beforeAll(async () => {
  child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "flags-child.ts")], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: hermeticEnv({ DATABASE_URL: process.env.DATABASE_URL!, LOG_LEVEL: "silent", NODE_ENV: "test" }),
    stdio: ["pipe", "pipe", "inherit"],
  });
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      lines.push(JSON.parse(line) as (typeof lines)[number]);
    } catch {
      // not ours
    }
  });
  const started = Date.now();
  while (!lines.some((l) => l.ready)) {
    if (Date.now() - started > 40_000) throw new Error("child never became ready");
    await new Promise((r) => setTimeout(r, 20));
  }
}, 45_000);

afterAll(async () => {
  child?.stdin?.end();
  await new Promise((resolve) => (child?.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
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
