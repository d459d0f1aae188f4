import "server-only";
import type { z } from "zod";
import { billingPeriodStart, nextBillingPeriodStart, PLANS } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { usageInput, UsageReport } from "../schemas";
import { selectDailyTotals, selectP95Latency, selectPeriodRequests, selectRouteTotals, selectWorkspacePlan } from "./usage-queries";

const DAY_MS = 86_400_000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Usage for the dashboard (and `GET /v1/usage`): requests and errors per day and per route
 * from the daily counters, p95 latency from the request log, and the billing period's count
 * against the plan's quota. Counters are written in batches, so figures lag by about a second.
 */
export async function getApiUsage(input: z.output<typeof usageInput>, actor: Pick<WorkspaceActor, "workspace">, db: DbOrTx, now = new Date()): Promise<UsageReport> {
  const workspaceId = actor.workspace.id;
  const sinceDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (input.days - 1) * DAY_MS);
  const sinceDay = isoDay(sinceDate);
  const periodStart = billingPeriodStart(now);
  const [daily, routes, p95, periodRequests, planId] = await Promise.all([
    selectDailyTotals(db, workspaceId, input.keyId, sinceDay),
    selectRouteTotals(db, workspaceId, input.keyId, sinceDay),
    selectP95Latency(db, workspaceId, input.keyId, sinceDate),
    selectPeriodRequests(db, workspaceId, periodStart),
    selectWorkspacePlan(db, workspaceId),
  ]);
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const days = Array.from({ length: input.days }, (_, i) => {
    const day = isoDay(new Date(sinceDate.getTime() + i * DAY_MS));
    return { day, requests: byDay.get(day)?.requests ?? 0, errors: byDay.get(day)?.errors ?? 0 };
  });
  const requests = days.reduce((n, d) => n + d.requests, 0);
  const errors = days.reduce((n, d) => n + d.errors, 0);
  const plan = PLANS[planId];
  return {
    plan: { id: plan.id, name: plan.name, monthlyApiRequests: plan.monthlyApiRequests },
    period: { start: periodStart, requests: periodRequests, resetsAt: nextBillingPeriodStart(now) },
    days,
    routes: routes.map((r) => ({ ...r, avgLatencyMs: Math.round(r.avgLatencyMs * 10) / 10 })),
    totals: { requests, errors, errorRate: requests ? errors / requests : 0, p95LatencyMs: p95 === null ? null : Math.round(p95 * 10) / 10 },
  };
}
