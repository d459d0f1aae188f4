import type { Metadata } from "next";
import { AdminSearch } from "@/features/admin/ui/admin-search";

export const metadata: Metadata = { title: "Workspaces" };

export default function AdminWorkspacesPage() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Workspaces</h1>
        <p className="text-sm text-muted-foreground">Find a workspace by name, slug or id.</p>
      </div>
      <AdminSearch kind="workspaces" />
    </>
  );
}
