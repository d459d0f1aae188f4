import type { Metadata } from "next";
import { Suspense } from "react";
import { auditLogQueryInput, nextAuditCursor } from "@/features/workspaces/schemas";
import { AuditLog } from "@/features/workspaces/ui/audit-log";
import { AuditLogSkeleton } from "@/features/workspaces/ui/audit-log-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";
import { AdminsOnly } from "../admins-only";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return <AdminsOnly what="Audit logs" workspaceName={workspace.name} />;
  prefetch(trpc.workspaces.members.queryOptions({ workspaceSlug: workspace.slug }));
  prefetch(
    trpc.workspaces.auditLog.infiniteQueryOptions(auditLogQueryInput(workspace.slug, { action: "", actorUserId: "" }), { getNextPageParam: nextAuditCursor }),
  );
  return (
    <HydrateClient>
      <Suspense fallback={<AuditLogSkeleton />}>
        <AuditLog workspaceSlug={workspace.slug} />
      </Suspense>
    </HydrateClient>
  );
}
