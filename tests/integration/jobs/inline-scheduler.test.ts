/**
 * Without Inngest the app runs its crons in-process: due schedules run once across processes,
 * beat, and stop being due; a failing step leaves the schedule due and health degraded.
 */
import { describe, expect, it, beforeEach } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { registerHeartbeats } from "@/features/jobs/server/register-heartbeats";
import { runDueSchedules } from "@/features/jobs/server/run-due-schedules";
import { SCHEDULED_WORK } from "@/features/jobs/server/scheduled-work";
import { SCHEDULES } from "@/features/jobs/server/schedules";
import { db, sql } from "@/server/db/client";
import { createRandom } from "@/lib/random";
import { createUser } from "@/server/db/factories";
import { sessions } from "@/server/db/schema";

const HOUR = 60 * 60 * 1000;
const schedules = SCHEDULED_WORK.map((w) => w.schedule);
const beats = async () =>
  Object.fromEntries(
    (await sql<{ name: string; last_beat_at: string | null }[]>`select name, last_beat_at::text from job_heartbeats`).map((r) => [r.name, r.last_beat_at && new Date(r.last_beat_at)]),
  );

beforeEach(async () => {
  await sql`truncate job_heartbeats`;
});

describe("the inline scheduler (no Inngest)", () => {
  it("runs every schedule that never ran, doing its work and recording its beat; the next tick has nothing due", async () => {
    const user = (await createUser(db, createRandom(77)))!;
    await db.insert(sessions).values({ id: "inline-expired", userId: user.id, expiresAt: new Date(Date.now() - 1000), ip: null, userAgent: "x" });
    await registerHeartbeats(db, schedules);

    expect(await runDueSchedules(db)).toEqual([
      { name: "relay-outbox", outcome: "ran" },
      { name: "retention-cleanup", outcome: "ran" },
      { name: "billing-reconcile", outcome: "ran" },
      { name: "billing-usage", outcome: "ran" },
    ]);
    expect((await sql`select 1 from sessions where id = 'inline-expired'`).length).toBe(0);
    const after = await beats();
    expect(after["relay-outbox"]).toBeInstanceOf(Date);
    expect(after["retention-cleanup"]).toBeInstanceOf(Date);

    expect((await runDueSchedules(db)).map((r) => r.outcome)).toEqual(["not_due", "not_due", "not_due", "not_due"]);
    // A minute later only the every-minute crons (outbox sweep, billing reconciler) are due again.
    const later = () => new Date(Date.now() + 61_000);
    expect((await runDueSchedules(db, later)).map((r) => r.outcome)).toEqual(["ran", "not_due", "ran", "not_due"]);
  });

  it("runs a due schedule in one process only when several tick at once", async () => {
    await registerHeartbeats(db, schedules);
    const ticks = await Promise.all([runDueSchedules(db), runDueSchedules(db), runDueSchedules(db)]);
    for (const name of ["relay-outbox", "retention-cleanup"]) {
      const outcomes = ticks.map((runs) => runs.find((r) => r.name === name)!.outcome);
      expect(outcomes.filter((o) => o === "ran")).toHaveLength(1);
    }
  });

  it("leaves a schedule whose step failed due, without a beat, so health turns degraded", async () => {
    const registeredLongAgo = new Date(Date.now() - 3 * 24 * HOUR);
    await registerHeartbeats(db, schedules, registeredLongAgo);
    await sql`alter table sessions rename to sessions_away`;
    try {
      const runs = await runDueSchedules(db);
      expect(runs.find((r) => r.name === SCHEDULES.retentionCleanup.name)!.outcome).toBe("failed");
    } finally {
      await sql`alter table sessions_away rename to sessions`;
    }
    expect((await beats())["retention-cleanup"]).toBeNull();
    const res = await health(new Request("http://localhost:3000/api/health"), {});
    const body = (await res.json()) as { checks: { jobs: { ok: boolean; detail: string } } };
    expect(res.status).toBe(503);
    expect(body.checks.jobs).toEqual({ ok: false, detail: "retention-cleanup overdue" });
  });
});
