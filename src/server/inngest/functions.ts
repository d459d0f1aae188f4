import "server-only";
import { billingReconcile, billingUsage, deliverEmail, relayOutboxSweep, retentionCleanup } from "@/features/jobs/server/jobs";
import { gracePeriodFn, processStripeEventFn } from "@/features/billing/server/jobs";
import { SCHEDULES } from "@/features/jobs/server/schedules";
import { buildDataExport } from "@/features/exports/server/jobs";
import { previewPipeline, reconcilePreviewsFn, teardownPreviewFn } from "@/features/previews/server/jobs";

/** Every Inngest function the app serves at /api/inngest. A function not listed here never runs. */
export const functions = [deliverEmail, relayOutboxSweep, retentionCleanup, buildDataExport, billingReconcile, billingUsage, processStripeEventFn, gracePeriodFn, previewPipeline, teardownPreviewFn, reconcilePreviewsFn];

/** Cron schedules whose heartbeats /api/health watches; registered at each sync. */
export const schedules = Object.values(SCHEDULES);
