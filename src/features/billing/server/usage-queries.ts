import "server-only";
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { PlanId } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { apiUsageDaily, apiUsagePeriods, billingCustomers, billingUsagePeriods, workspaces } from "@/server/db/schema";

/** Each workspace's API usage per period since `since`, with its plan, customer and what was reported/warned. */
export async function selectUsageForReporting(db: DbOrTx, since: string) {
  const rows = await db
    .select({
      workspaceId: apiUsagePeriods.workspaceId,
      periodStart: apiUsagePeriods.periodStart,
      requests: apiUsagePeriods.requests,
      plan: workspaces.plan,
      seats: workspaces.seats,
      slug: workspaces.slug,
      name: workspaces.name,
      customerId: billingCustomers.stripeCustomerId,
      reportedOverage: sql<number>`coalesce(${billingUsagePeriods.reportedOverage}, 0)::bigint`.mapWith(Number),
      warned80At: billingUsagePeriods.warned80At,
      warned100At: billingUsagePeriods.warned100At,
    })
    .from(apiUsagePeriods)
    .innerJoin(workspaces, eq(workspaces.id, apiUsagePeriods.workspaceId))
    .leftJoin(billingCustomers, eq(billingCustomers.workspaceId, apiUsagePeriods.workspaceId))
    .leftJoin(billingUsagePeriods, and(eq(billingUsagePeriods.workspaceId, apiUsagePeriods.workspaceId), eq(billingUsagePeriods.periodStart, apiUsagePeriods.periodStart)))
    .where(gte(apiUsagePeriods.periodStart, since));
  return rows.map((r) => ({ ...r, plan: r.plan as PlanId }));
}

/** Moves the reported mark from `from` to `to` once (false when another reporter got there first). */
export async function advanceReportedOverage(db: DbOrTx, workspaceId: string, periodStart: string, from: number, to: number): Promise<boolean> {
  await db.insert(billingUsagePeriods).values({ workspaceId, periodStart }).onConflictDoNothing();
  const rows = await db
    .update(billingUsagePeriods)
    .set({ reportedOverage: to })
    .where(and(eq(billingUsagePeriods.workspaceId, workspaceId), eq(billingUsagePeriods.periodStart, periodStart), eq(billingUsagePeriods.reportedOverage, from)))
    .returning({ workspaceId: billingUsagePeriods.workspaceId });
  return rows.length > 0;
}

/** Claims the 80% or 100% warning for a period; true only for the one caller that set it. */
export async function claimUsageWarning(db: DbOrTx, workspaceId: string, periodStart: string, percent: 80 | 100): Promise<boolean> {
  await db.insert(billingUsagePeriods).values({ workspaceId, periodStart }).onConflictDoNothing();
  const column = percent === 80 ? billingUsagePeriods.warned80At : billingUsagePeriods.warned100At;
  const rows = await db
    .update(billingUsagePeriods)
    .set(percent === 80 ? { warned80At: new Date() } : { warned100At: new Date() })
    .where(and(eq(billingUsagePeriods.workspaceId, workspaceId), eq(billingUsagePeriods.periodStart, periodStart), isNull(column)))
    .returning({ workspaceId: billingUsagePeriods.workspaceId });
  return rows.length > 0;
}

/**
 * The billing page's usage in one query: requests per day since `sinceDay` (every key) and the
 * period's counted total, which is what the quota and overage use.
 */
export async function selectUsageThisPeriod(db: DbOrTx, workspaceId: string, sinceDay: string, periodStart: string): Promise<{ period: number; daily: { day: string; requests: number }[] }> {
  const rows = (await db.execute(sql`
    select p.total::bigint::text as total, d.day::text as day, d.requests::int as requests
    from (select coalesce((select ${apiUsagePeriods.requests} from ${apiUsagePeriods} where ${apiUsagePeriods.workspaceId} = ${workspaceId} and ${apiUsagePeriods.periodStart} = ${periodStart}), 0) as total) p
    left join lateral (
      select ${apiUsageDaily.day} as day, sum(${apiUsageDaily.requests}) as requests from ${apiUsageDaily}
      where ${apiUsageDaily.workspaceId} = ${workspaceId} and ${apiUsageDaily.day} >= ${sinceDay}
      group by ${apiUsageDaily.day}
    ) d on true
    order by d.day
  `)) as unknown as { total: string; day: string | null; requests: number | null }[];
  return { period: Number(rows[0]?.total ?? 0), daily: rows.filter((r) => r.day !== null).map((r) => ({ day: r.day!, requests: Number(r.requests) })) };
}
