import type { ReactNode } from "react";
import { NavLink } from "@/components/ui/nav-link";
import { AdminsOnly } from "../admins-only";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export default async function ApiKeysLayout({ children, params }: WorkspaceParams & { children: ReactNode }) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return <AdminsOnly what="API keys" workspaceName={workspace.name} />;
  const base = `/w/${workspace.slug}/api-keys`;
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="API" className="-mx-1 flex items-center gap-1 overflow-x-auto px-1">
        <NavLink href={base} exact>Keys</NavLink>
        <NavLink href={`${base}/usage`}>Usage and requests</NavLink>
        <NavLink href={`${base}/reference`}>API reference</NavLink>
      </nav>
      {children}
    </div>
  );
}
