import { sql as dsql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { uuidv7 } from "@/lib/ids";
import { createRandom } from "@/lib/random";
import { RETENTION_STEPS } from "@/features/jobs/server/retention/steps";
import { db } from "@/server/db/client";
import { createUser } from "@/server/db/factories";
import { authTokens, dataExports, outbox, rateLimitBuckets, securityEvents, sessions } from "@/server/db/schema";

const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function names(table: "sessions" | "auth_tokens" | "security_events" | "outbox" | "rate_limit_buckets" | "realtime_events", column: string) {
  const rows = (await db.execute(dsql.raw(`select ${column} as name from ${table} order by 1`))) as unknown as { name: string }[];
  return rows.map((r) => r.name);
}

describe("retention-cleanup", () => {
  it("deletes exactly the expired, spent and aged rows, and nothing fresh", async () => {
    const user = (await createUser(db, createRandom(42)))!;
    const session = (id: string, expiresAt: Date) => ({ id, userId: user.id, expiresAt, ip: null, userAgent: id, createdAt: ago(40 * DAY), lastSeenAt: ago(DAY) });
    await db.insert(sessions).values([session("expired-session", ago(1000)), session("live-session", new Date(NOW.getTime() + DAY))]);

    const token = (email: string, expiresAt: Date, usedAt: Date | null) => ({ userId: user.id, purpose: "verify_email" as const, tokenHash: email, email, expiresAt, usedAt });
    await db.insert(authTokens).values([
      token("used-long-ago", new Date(NOW.getTime() + DAY), ago(8 * DAY)),
      token("expired-long-ago", ago(8 * DAY), null),
      token("used-yesterday", new Date(NOW.getTime() + DAY), ago(DAY)), // still answers "already used"
      token("expired-yesterday", ago(DAY), null), // still answers "expired"
      token("valid", new Date(NOW.getTime() + DAY), null),
    ]);

    const event = (type: string, at: Date) => ({ id: uuidv7(at.getTime()), userId: user.id, type, createdAt: at });
    await db.insert(securityEvents).values([event("ancient", ago(366 * DAY)), event("last-year-ish", ago(364 * DAY)), event("today", NOW)]);

    const mail = (subject: string, row: Partial<typeof outbox.$inferInsert>) => ({ kind: "email", payload: { to: "x@example.com", subject }, ...row });
    await db.insert(outbox).values([
      mail("sent-long-ago", { sentAt: ago(31 * DAY), createdAt: ago(31 * DAY) }),
      mail("sent-recently", { sentAt: ago(29 * DAY), createdAt: ago(29 * DAY) }),
      mail("never-sent", { createdAt: ago(60 * DAY), relayedAt: ago(60 * DAY) }),
      mail("dead-lettered", { createdAt: ago(60 * DAY), deadLetteredAt: ago(59 * DAY) }),
    ]);

    await db.insert(rateLimitBuckets).values([
      { key: "old-window", windowStartedAt: ago(25 * HOUR), hits: 3 },
      { key: "current-window", windowStartedAt: ago(HOUR), hits: 3 },
    ]);

    await db.execute(dsql`insert into realtime_events (channel, type, payload, created_at) values
      ('user:old', 'old', '{}'::jsonb, ${ago(25 * HOUR).toISOString()}::timestamptz),
      ('user:new', 'new', '{}'::jsonb, ${ago(HOUR).toISOString()}::timestamptz)`);

    const zip = Buffer.from("PK-not-really-a-zip");
    const exportRow = (step: string, expiresAt: Date) => ({ userId: user.id, status: "done" as const, progress: 100, step, file: zip, size: zip.length, expiresAt, createdAt: ago(2 * DAY) });
    await db.insert(dataExports).values([exportRow("expired-export", ago(HOUR)), exportRow("fresh-export", new Date(NOW.getTime() + HOUR))]);

    const deleted: Record<string, number> = {};
    for (const step of RETENTION_STEPS) deleted[step.name] = await step.run(db, NOW);

    expect(deleted).toEqual({
      "delete-expired-sessions": 1,
      "delete-spent-auth-tokens": 2,
      "delete-old-security-events": 1,
      "delete-sent-outbox-rows": 1,
      "delete-expired-rate-limit-buckets": 1,
      "purge-expired-export-files": 1,
      // API request log and idempotency records: tests/integration/api-keys/retention.test.ts.
      "delete-expired-idempotency-keys": 0,
      "delete-old-api-requests": 0,
      "delete-old-realtime-events": 1,
    });
    expect(await names("sessions", "user_agent")).toEqual(["live-session"]);
    expect(await names("auth_tokens", "email")).toEqual(["expired-yesterday", "used-yesterday", "valid"]);
    expect(await names("security_events", "type")).toEqual(expect.arrayContaining(["last-year-ish", "today"]));
    expect(await names("security_events", "type")).not.toContain("ancient");
    expect(await names("outbox", "payload->>'subject'")).toEqual(["dead-lettered", "never-sent", "sent-recently"]);
    expect(await names("rate_limit_buckets", "key")).toEqual(["current-window"]);
    expect(await names("realtime_events", "type")).toEqual(["new"]);
    const exportsLeft = await db.select({ step: dataExports.step, file: dataExports.file }).from(dataExports).orderBy(dataExports.step);
    expect(exportsLeft).toEqual([
      { step: "expired-export", file: null },
      { step: "fresh-export", file: zip },
    ]);

    // Running again is a no-op.
    for (const step of RETENTION_STEPS) expect(await step.run(db, NOW)).toBe(0);
  });
});
