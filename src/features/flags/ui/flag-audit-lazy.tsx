"use client";
import { lazyView } from "@/components/ui/lazy-view";

const FlagAudit = lazyView("The audit log", () => import("./flag-audit").then((m) => m.FlagAudit));

/** The audit log, last on both flag pages, loaded as a lazyView: render it inside a Suspense whose fallback is FlagAuditSkeleton. */
export function FlagAuditLazy({ flagKey }: { flagKey: string | null }) {
  return <FlagAudit flagKey={flagKey} />;
}
