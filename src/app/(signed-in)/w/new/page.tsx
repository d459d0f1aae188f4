import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreateWorkspaceForm } from "@/features/workspaces/ui/create-workspace-form";
import { requireViewer } from "@/trpc/server";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function NewWorkspacePage() {
  await requireViewer();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Create a workspace</h1>
      <Card>
        <CardHeader>
          <CardTitle>Name your workspace</CardTitle>
          <CardDescription>A shared space for a team or project. You&apos;ll be its owner and can invite people next.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateWorkspaceForm />
        </CardContent>
      </Card>
    </div>
  );
}
