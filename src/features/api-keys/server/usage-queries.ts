import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { uuidv7 } from "@/lib/ids";
import type { DbOrTx } from "@/server/db/client";
import type { PlanId } from "@/lib/plans";
import { apiKeys, apiRequestLog, apiUsageDaily, apiUsagePeriods, workspaces } from "@/server/db/schema";

/** The smallest UUIDv7 of an instant: lets "since" use the (workspace_id, id) index. */
const firstIdAt = (at: Date) => uuidv7(at.getTime(), (bytes) => bytes.fill(0));

function dailyScope(workspaceId: string, keyId: string | null | undefined, sinceDay: string): SQL {
  return and(eq(apiUsageDaily.workspaceId, workspaceId), gte(apiUsageDaily.day, sinceDay), keyId ? eq(apiUsageDaily.apiKeyId, keyId) : undefined)!;
}

export async function selectDailyTotals(db: DbOrTx, workspaceId: string, keyId: string | null | undefined, sinceDay: string) {
  return db
    .select({ day: apiUsageDaily.day, requests: sql<number>`sum(${apiUsageDaily.requests})::int`, errors: sql<number>`sum(${apiUsageDaily.errors})::int` })
    .from(apiUsageDaily)
    .where(dailyScope(workspaceId, keyId, sinceDay))
    .groupBy(apiUsageDaily.day)
    .orderBy(apiUsageDaily.day);
}

export async function selectRouteTotals(db: DbOrTx, workspaceId: string, keyId: string | null | undefined, sinceDay: string) {
  return db
    .select({
      route: apiUsageDaily.route,
      requests: sql<number>`sum(${apiUsageDaily.requests})::int`,
      errors: sql<number>`sum(${apiUsageDaily.errors})::int`,
      avgLatencyMs: sql<number>`(sum(${apiUsageDaily.latencyMsTotal})::float8 / greatest(sum(${apiUsageDaily.requests}), 1))`,
    })
    .from(apiUsageDaily)
    .where(dailyScope(workspaceId, keyId, sinceDay))
    .groupBy(apiUsageDaily.route)
    .orderBy(desc(sql`sum(${apiUsageDaily.requests})`));
}

export async function selectP95Latency(db: DbOrTx, workspaceId: string, keyId: string | null | undefined, since: Date): Promise<number | null> {
  const [row] = await db
    .select({ p95: sql<number | null>`percentile_cont(0.95) within group (order by ${apiRequestLog.latencyMs})` })
    .from(apiRequestLog)
    .where(and(eq(apiRequestLog.workspaceId, workspaceId), gte(apiRequestLog.id, firstIdAt(since)), keyId ? eq(apiRequestLog.apiKeyId, keyId) : undefined));
  return row?.p95 ?? null;
}

export async function selectPeriodRequests(db: DbOrTx, workspaceId: string, periodStart: string): Promise<number> {
  const [row] = await db
    .select({ requests: apiUsagePeriods.requests })
    .from(apiUsagePeriods)
    .where(and(eq(apiUsagePeriods.workspaceId, workspaceId), eq(apiUsagePeriods.periodStart, periodStart)));
  return row?.requests ?? 0;
}

const STATUS_RANGES = { "2xx": [100, 399], "4xx": [400, 499], "5xx": [500, 599] } as const;

export async function selectRequestLogPage(
  db: DbOrTx,
  workspaceId: string,
  opts: { keyId?: string | null; statusClass?: keyof typeof STATUS_RANGES | null; method?: string | null; cursor?: string | null; limit: number },
) {
  const range = opts.statusClass ? STATUS_RANGES[opts.statusClass] : null;
  return db
    .select({
      id: apiRequestLog.id,
      keyId: apiRequestLog.apiKeyId,
      keyName: apiKeys.name,
      method: apiRequestLog.method,
      path: apiRequestLog.path,
      status: apiRequestLog.status,
      latencyMs: apiRequestLog.latencyMs,
      ip: apiRequestLog.ip,
      requestId: apiRequestLog.requestId,
      createdAt: apiRequestLog.createdAt,
    })
    .from(apiRequestLog)
    .innerJoin(apiKeys, eq(apiKeys.id, apiRequestLog.apiKeyId))
    .where(
      and(
        eq(apiRequestLog.workspaceId, workspaceId),
        opts.keyId ? eq(apiRequestLog.apiKeyId, opts.keyId) : undefined,
        range ? sql`${apiRequestLog.status} between ${range[0]} and ${range[1]}` : undefined,
        opts.method ? eq(apiRequestLog.method, opts.method) : undefined,
        opts.cursor ? lt(apiRequestLog.id, opts.cursor) : undefined,
      ),
    )
    .orderBy(desc(apiRequestLog.id))
    .limit(opts.limit + 1);
}

export async function selectWorkspacePlan(db: DbOrTx, workspaceId: string): Promise<PlanId> {
  const [row] = await db.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.plan ?? "free";
}
