"use client";
import { lazy } from "react";
import { FlagAuditUnavailable } from "./flag-audit-skeleton";

const FlagAudit = lazy(() => import("./flag-audit").then((m) => ({ default: m.FlagAudit }), () => ({ default: FlagAuditUnavailable })));

/**
 * The audit log, last on both flag pages: its code (and the infinite query's) is fetched when
 * it renders, not with the page (decision 041); the server still renders it, so it shows at
 * once. Render it inside a Suspense whose fallback is FlagAuditSkeleton.
 */
export function FlagAuditLazy({ flagKey }: { flagKey: string | null }) {
  return <FlagAudit flagKey={flagKey} />;
}
