/**
 * API keys never reach the logs: not when issued, rolled or listed over tRPC, not when sent to
 * the API (valid, mistyped, revoked), not in SQL logging. Every line at debug level is searched
 * for the secrets, their random parts and their stored hashes.
 */
import { vi, afterAll, describe, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "debug";
  process.env.LOG_SQL = "1";
});

import { TRPCError } from "@trpc/server";
import { eq, sql as dsql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db, sql } from "@/server/db/client";
import { createNotifyListener } from "@/server/db/notify-listener";
import { runWithRequestContext } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";
import { apiKeys } from "@/server/db/schema";
import { api, makeApiWorld } from "../../support/api";
import { readJson, trpcMutation, trpcQuery } from "../../support/http";
import { captureLogs, collectLogs } from "../../support/logs";
import { signedInHeaders } from "../../support/sessions";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

type Issued = { result: { data: { secret: string; key: { id: string } } } };

it("no log line contains a key, its random part or its hash", async () => {
  const w = await makeApiWorld();
  const headers = await signedInHeaders(w.admin.id);
  const slug = w.workspace.slug;
  const secrets: string[] = [];
  const { lines } = await captureLogs(async () => {
    const created = await readJson<Issued>(await trpcMutation("apiKeys.create", { workspaceSlug: slug, name: "Logged?", scopes: ["posts:read", "usage:read"] }, headers));
    const { secret, key } = created.result.data;
    secrets.push(secret);
    await api("GET", "/api/v1/me", { key: secret });
    await api("GET", "/api/v1/usage?days=oops", { key: secret });
    await api("GET", "/api/v1/me", { key: secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a") });
    await api("GET", "/api/v1/me", { headers: { authorization: `Token ${secret}` } });
    const rolled = await readJson<Issued>(await trpcMutation("apiKeys.roll", { workspaceSlug: slug, keyId: key.id, graceSeconds: 3600 }, headers));
    secrets.push(rolled.result.data.secret);
    await api("GET", "/api/v1/me", { key: rolled.result.data.secret });
    await trpcQuery("apiKeys.list", { workspaceSlug: slug }, headers);
    await trpcMutation("apiKeys.revoke", { workspaceSlug: slug, keyId: key.id }, headers);
    await api("GET", "/api/v1/me", { key: rolled.result.data.secret });
    await api("GET", "/api/v1/me", { key: secret });
    await usageRecorder().flush();
  });
  const [row] = await db.select({ secretHash: apiKeys.secretHash }).from(apiKeys).where(eq(apiKeys.workspaceId, w.workspace.id));
  const text = lines.map((l) => JSON.stringify(l)).join("\n");
  // The run really was logged (requests, SQL), so an empty log can't pass this test.
  expect(lines.filter((l) => l.msg === "request").length).toBeGreaterThanOrEqual(10);
  expect(lines.filter((l) => l.msg === "sql").length).toBeGreaterThan(10);
  expect(secrets).toHaveLength(2);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(12));
    expect(text).not.toContain(secret.slice(8, 38));
  }
  expect(text).not.toContain(row!.secretHash);
});

describe("database errors", () => {
  it("a failed query's bound values never reach the logs: not from drizzle's message, Postgres's message or its detail", async () => {
    const secretish = `sess_${crypto.randomUUID().replaceAll("-", "")}`;
    const address = "ip:198.51.100.77";
    const { lines } = await captureLogs(async () => {
      // drizzle: "Failed query: …\nparams: <secretish>", Postgres: invalid input syntax … "<secretish>".
      const bad = await db.execute(dsql`select ${secretish}::uuid`).catch((e: unknown) => e);
      logger.error({ err: bad }, "query failed");
      // postgres.js directly: a unique violation whose detail repeats the key.
      await sql`insert into rate_limit_buckets (key, window_started_at, hits) values (${address}, now(), 1)`;
      const dup = await sql`insert into rate_limit_buckets (key, window_started_at, hits) values (${address}, now(), 1)`.catch((e: unknown) => e);
      logger.error({ err: dup }, "insert failed");
    });
    const errors = lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(2);
    // The lines still say what went wrong.
    expect(JSON.stringify(errors[0])).toContain("invalid input syntax for type uuid");
    expect(JSON.stringify(errors[1])).toContain("duplicate key value violates unique constraint");
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secretish);
    expect(text).not.toContain("198.51.100.77");
  });
});

describe("context", () => {
  it("a LISTEN reconnect logs as its own background task, not as the request that first opened it", async () => {
    const applicationName = `gw-log-context-${process.pid}`;
    const listener = createNotifyListener({ databaseUrl: process.env.DATABASE_URL!, channel: "log_context_probe", applicationName, onNotify: () => {} });
    const logs = collectLogs();
    try {
      await runWithRequestContext({ requestId: "request-that-opened-it" }, () => listener.ready());
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${applicationName}`;
      await expect.poll(() => logs.lines.find((l) => l.msg === "LISTEN connection closed; reconnecting"), { timeout: 10_000 }).toBeDefined();
      const line = logs.lines.find((l) => l.msg === "LISTEN connection closed; reconnecting")!;
      expect(line.requestId).toBeUndefined();
      expect(line.task).toBe("listen:log_context_probe");
      await expect.poll(() => listener.live(), { timeout: 15_000 }).toBe(true);
    } finally {
      logs.stop();
      await listener.stop();
    }
  });
});

describe("render errors", () => {
  it("a redirect or a signed-out query during a render is info, a real failure is an error", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    const { onRequestError } = await import("@/instrumentation");
    const request = { path: "/app", method: "GET", headers: { "x-request-id": "render-test" } };
    const context = { routerKind: "App Router", routePath: "/(signed-in)/app", routeType: "render", renderSource: "react-server-components", revalidateReason: undefined } as const;
    const redirected = (() => {
      try {
        redirect("/sign-in?next=%2Fapp");
      } catch (error) {
        return error;
      }
    })();
    const { lines } = await captureLogs(async () => {
      await onRequestError(redirected, request, context);
      await onRequestError(new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." }), request, context);
      await onRequestError(new Error("a real bug"), request, context);
    });
    const rendered = lines.filter((l) => l.path === "/app");
    expect(rendered.map((l) => l.level)).toEqual(["info", "info", "error"]);
    expect(rendered[2]).toMatchObject({ msg: "render failed", requestId: "render-test" });
  });
});
