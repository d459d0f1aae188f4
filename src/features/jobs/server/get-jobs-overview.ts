import "server-only";
import type { Sql } from "postgres";
import { env, inngestMode } from "@/server/env";
import { devServer, devServerUrl } from "@/server/jobs/dev-server-api";
import type { JobsOverview } from "../schemas";
import { getJobsHealth } from "./get-jobs-health";

const INNGEST_CLOUD_DASHBOARD = "https://app.inngest.com";

export async function getJobsOverview(sql: Sql): Promise<JobsOverview> {
  const mode = inngestMode();
  const [health, stats] = await Promise.all([getJobsHealth(sql), devServerUrl() ? devServer.stats().catch(() => null) : Promise.resolve(null)]);
  return {
    mode: health.mode,
    dashboardUrl: mode?.kind === "cloud" ? (mode.baseUrl ?? INNGEST_CLOUD_DASHBOARD) : null,
    runsAvailable: devServerUrl() !== null,
    ok: health.ok,
    detail: health.detail,
    lagThresholdSeconds: env.JOBS_LAG_THRESHOLD_SECONDS,
    outboxLagSeconds: health.outboxLagSeconds,
    queueLagSeconds: health.queueLagSeconds,
    deadLettered: health.deadLettered,
    runCounts: stats?.runs ?? null,
    heartbeats: health.heartbeats,
  };
}
