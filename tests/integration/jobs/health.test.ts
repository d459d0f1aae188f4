import { describe, expect, it, vi, beforeEach } from "vitest";

// Inngest on (dev mode, default URL — never contacted here): schedules and queue lag count.
vi.hoisted(() => {
  process.env.INNGEST_DEV = "1";
  process.env.JOBS_LAG_THRESHOLD_SECONDS = "300";
});

import { GET as health } from "@/app/api/health/route";
import { registerHeartbeats } from "@/features/jobs/server/register-heartbeats";
import { recordHeartbeat } from "@/features/jobs/server/record-heartbeat";
import { SCHEDULES } from "@/features/jobs/server/schedules";
import { db, sql } from "@/server/db/client";
import { outbox } from "@/server/db/schema";

const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);

async function check() {
  const res = await health(new Request("http://localhost:3000/api/health"), {});
  const body = (await res.json()) as { status: string; checks: { jobs: { ok: boolean; detail: string } } };
  return { status: res.status, jobs: body.checks.jobs };
}

beforeEach(async () => {
  await sql`truncate job_heartbeats, outbox`;
});

describe("/api/health: background jobs", () => {
  it("is healthy right after deploy: schedules registered at sync but never run yet", async () => {
    await registerHeartbeats(db, Object.values(SCHEDULES));
    expect(await check()).toEqual({ status: 200, jobs: { ok: true, detail: expect.stringMatching(/4 schedule\(s\) on time/) } });
  });

  it("is 503 when a cron's heartbeat is older than twice its interval", async () => {
    await recordHeartbeat(db, SCHEDULES.relayOutbox);
    await recordHeartbeat(db, SCHEDULES.retentionCleanup, ago(49 * HOUR));
    expect(await check()).toEqual({ status: 503, jobs: { ok: false, detail: "retention-cleanup overdue" } });
    await recordHeartbeat(db, SCHEDULES.retentionCleanup, ago(47 * HOUR));
    expect((await check()).status).toBe(200);
  });

  it("is 503 when a registered schedule never ran within twice its interval", async () => {
    await registerHeartbeats(db, [SCHEDULES.relayOutbox], ago(3 * 60 * 1000));
    expect(await check()).toEqual({ status: 503, jobs: { ok: false, detail: "relay-outbox overdue" } });
  });

  it("is 503 when an outbox row has waited for the relay longer than JOBS_LAG_THRESHOLD_SECONDS", async () => {
    await db.insert(outbox).values({ kind: "email", payload: {}, createdAt: ago(4 * 60 * 1000) });
    expect((await check()).status).toBe(200);
    await db.insert(outbox).values({ kind: "email", payload: {}, createdAt: ago(6 * 60 * 1000) });
    expect(await check()).toEqual({ status: 503, jobs: { ok: false, detail: expect.stringMatching(/^outbox relay lag 3\d\d s$/) } });
  });
});
