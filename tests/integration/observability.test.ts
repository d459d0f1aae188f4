import { vi, describe, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
  process.env.QUERY_WARN_THRESHOLD = "2";
});

import { createRandom } from "@/lib/random";
import { db, sql } from "@/server/db/client";
import { createPing } from "@/server/db/factories";
import { runWithRequestContext, currentRequestContext } from "@/server/logging/context";
import { callerWithHeaders } from "../support/callers";
import { GET as health } from "@/app/api/health/route";
import { captureLogs } from "../support/logs";
import { trpcMutation, trpcQuery } from "../support/http";

describe("request logging", () => {
  it("stamps every log line of a request with its request id and returns it as a header", async () => {
    const { result: res, lines } = await captureLogs(() => trpcMutation("observability.recordPing", { label: "traced" }, { "x-request-id": "req-test-0001" }));
    expect(res.headers.get("x-request-id")).toBe("req-test-0001");
    const mine = lines.filter((l) => l.requestId === "req-test-0001");
    expect(mine.map((l) => l.msg)).toContain("request");
    expect(lines.every((l) => l.requestId === "req-test-0001")).toBe(true);
  });

  it("mints a request id when the caller's is missing or malformed", async () => {
    const res = await trpcQuery("observability.listPings", { limit: 1 }, { "x-request-id": "bad id with spaces" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports database time and query count in Server-Timing", async () => {
    const res = await trpcQuery("observability.listPings", { limit: 5 });
    expect(res.headers.get("server-timing")).toMatch(/^db;dur=\d+\.\d;desc="1 queries", total;dur=\d+\.\d$/);
  });

  it("counts statements sent inside transactions", async () => {
    const count = await runWithRequestContext({ requestId: "req-count-1" }, async () => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < 4; i++) await createPing(tx, createRandom(100 + i));
      });
      return currentRequestContext()!.queries.count;
    });
    expect(count).toBe(4);
  });

  it("warns when a request runs more queries than the threshold", async () => {
    const { lines } = await captureLogs(() => health(new Request("http://localhost:3000/api/health"), {}));
    const warning = lines.find((l) => l.msg === "too many queries in one request");
    // ping, migration status, and one query for background jobs (heartbeats + outbox lag).
    expect(warning).toMatchObject({ level: "warn", queries: 4, threshold: 2, path: "/api/health" });
  });
});

describe("the query counter through a procedure", () => {
  it("lists a page in one query whatever the page size", async () => {
    const random = createRandom(7);
    for (let i = 0; i < 12; i++) await createPing(db, random);
    const caller = await callerWithHeaders();
    const counts: number[] = [];
    for (const limit of [1, 5, 12]) {
      await runWithRequestContext({ requestId: `req-n1-${limit}` }, async () => {
        const page = await caller.observability.listPings({ limit });
        expect(page.items).toHaveLength(limit);
        counts.push(currentRequestContext()!.queries.count);
      });
    }
    expect(counts).toEqual([1, 1, 1]);
  });

  it("pages with a keyset cursor without gaps or repeats", async () => {
    const caller = await callerWithHeaders();
    const all = await caller.observability.listPings({ limit: 50 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.observability.listPings>> = await caller.observability.listPings({ limit: 4, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((p) => p.id));
  });
});

describe("GET /api/health", () => {
  it("is 200 with the version when the database is reachable and migrated", async () => {
    const res = await health(new Request("http://localhost:3000/api/health"), {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; checks: { migrations: { ok: boolean } } };
    expect(body.status).toBe("ok");
    expect(body.checks.migrations.ok).toBe(true);
    expect(body.version).toMatch(/\d+\.\d+\.\d+/);
  });

  it("is 503 when a committed migration has not been applied", async () => {
    const removed = await sql`delete from drizzle.__drizzle_migrations returning *`;
    try {
      const res = await health(new Request("http://localhost:3000/api/health"), {});
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: { migrations: { ok: boolean; detail: string } } };
      expect(body.checks.migrations).toEqual({ ok: false, detail: expect.stringMatching(/pending/) });
    } finally {
      for (const row of removed) await sql`insert into drizzle.__drizzle_migrations ${sql(row)}`;
    }
  });
});
