import "server-only";
import { adminRouter } from "@/features/admin/server/router";
import { apiKeysRouter } from "@/features/api-keys/server/router";
import { billingRouter, staffBillingRouter } from "@/features/billing/server/router";
import { authRouter } from "@/features/auth/server/router";
import { sessionsRouter } from "@/features/auth/server/sessions-router";
import { twoFactorRouter } from "@/features/auth/server/two-factor-router";
import { exportsRouter } from "@/features/exports/server/router";
import { feedbackRouter } from "@/features/feedback/server/router";
import { flagsRouter } from "@/features/flags/server/router";
import { homeRouter } from "@/features/home/server/router";
import { impersonationRouter } from "@/features/impersonation/server/router";
import { previewsRouter } from "@/features/previews/server/router";
import { jobsRouter } from "@/features/jobs/server/router";
import { notificationsRouter } from "@/features/notifications/server/router";
import { observabilityRouter } from "@/features/observability/server/router";
import { realtimeRouter } from "@/features/realtime/server/router";
import { securityRulesRouter } from "@/features/security-rules/server/router";
import { supportRouter } from "@/features/support/server/router";
import { workspacesRouter } from "@/features/workspaces/server/router";
import { staffRouter } from "@/features/workspaces/server/staff-router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  observability: observabilityRouter,
  auth: authRouter,
  twoFactor: twoFactorRouter,
  sessions: sessionsRouter,
  workspaces: workspacesRouter,
  home: homeRouter,
  staff: staffRouter,
  jobs: jobsRouter,
  realtime: realtimeRouter,
  notifications: notificationsRouter,
  exports: exportsRouter,
  feedback: feedbackRouter,
  apiKeys: apiKeysRouter,
  billing: billingRouter,
  staffBilling: staffBillingRouter,
  flags: flagsRouter,
  previews: previewsRouter,
  impersonation: impersonationRouter,
  admin: adminRouter,
  securityRules: securityRulesRouter,
  support: supportRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
