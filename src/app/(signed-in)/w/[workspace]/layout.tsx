import type { ReactNode } from "react";
import { NavLink } from "@/components/ui/nav-link";
import { loadWorkspace, type WorkspaceParams } from "./load-workspace";

export default async function WorkspaceLayout({ children, params }: WorkspaceParams & { children: ReactNode }) {
  const { workspace: slug } = await params;
  const workspace = await loadWorkspace(slug);
  const base = `/w/${workspace.slug}`;
  const manages = workspace.role !== "member";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3 border-b border-border pb-3">
        <p className="text-sm text-muted-foreground">{workspace.personal ? "Personal workspace" : "Workspace"}</p>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl" data-testid="workspace-name">
          {workspace.name}
        </h1>
        <nav aria-label="Workspace" className="-mx-1 flex items-center gap-1 overflow-x-auto px-1 py-1">
          <NavLink href={base} exact>
            Overview
          </NavLink>
          <NavLink href={`${base}/members`}>Members</NavLink>
          <NavLink href={`${base}/boards`}>Feedback boards</NavLink>
          {manages ? <NavLink href={`${base}/settings`}>Settings</NavLink> : null}
          {manages ? <NavLink href={`${base}/audit`}>Audit log</NavLink> : null}
          {manages ? <NavLink href={`${base}/api-keys`}>API keys</NavLink> : null}
          {manages && !workspace.personal ? <NavLink href={`${base}/billing`}>Billing</NavLink> : null}
        </nav>
      </div>
      {children}
    </div>
  );
}
