"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeClientError, describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { DeleteWorkspaceCard } from "./delete-workspace-card";
import { LeaveWorkspaceCard } from "./leave-workspace-card";
import { Select } from "./select";

export function SettingsPanel({ workspaceSlug, viewerId }: { workspaceSlug: string; viewerId: string }) {
  const trpc = useTRPC();
  const { data: workspace } = useSuspenseQuery(trpc.workspaces.get.queryOptions({ workspaceSlug }));
  return (
    <div className="flex flex-col gap-6">
      <RenameCard workspaceSlug={workspaceSlug} currentName={workspace.name} />
      {workspace.role === "owner" ? <TransferCard workspaceSlug={workspaceSlug} viewerId={viewerId} /> : null}
      <LeaveWorkspaceCard workspaceSlug={workspaceSlug} workspaceName={workspace.name} personal={workspace.personal} />
      {workspace.role === "owner" ? <DeleteWorkspaceCard workspaceSlug={workspaceSlug} workspaceName={workspace.name} personal={workspace.personal} /> : null}
    </div>
  );
}

function RenameCard({ workspaceSlug, currentName }: { workspaceSlug: string; currentName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(currentName);
  const [error, setError] = useState<string | null>(null);
  const rename = useMutation(
    trpc.workspaces.rename.mutationOptions({
      meta: { toast: false },
      onSuccess: async (updated) => {
        queryClient.setQueryData(trpc.workspaces.get.queryKey({ workspaceSlug }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.mine.queryKey() });
        toast({ title: "Workspace renamed", description: `It's now called ${updated.name}. Links keep working.`, variant: "success" });
        router.refresh();
      },
      onError: (err) => {
        const { fieldErrors, toast: message } = describeFormError(err, ["name"]);
        setError(fieldErrors.name ?? null);
        if (message) toast({ title: "Name not changed", description: message, variant: "error" });
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    // The server checks the name; its message lands under the field (onError).
    setError(null);
    rename.mutate({ workspaceSlug, name });
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Name</CardTitle>
        <CardDescription>Shown to everyone in the workspace. The address (/w/{workspaceSlug}) stays the same.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="flex flex-col gap-2">
          <Label htmlFor="rename-name">Workspace name</Label>
          <div className="flex gap-2">
            <Input
              id="rename-name"
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "rename-name-error" : undefined}
            />
            <Button type="submit" disabled={rename.isPending || name.trim() === currentName}>
              {rename.isPending ? "Saving…" : "Save"}
            </Button>
          </div>
          <FieldError id="rename-name-error">{error}</FieldError>
        </form>
      </CardContent>
    </Card>
  );
}

function TransferCard({ workspaceSlug, viewerId }: { workspaceSlug: string; viewerId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.workspaces.members.queryOptions({ workspaceSlug }));
  const candidates = data.members.filter((m) => m.userId !== viewerId);
  const [target, setTarget] = useState("");
  const transfer = useMutation(
    trpc.workspaces.transferOwnership.mutationOptions({
      meta: { toast: false },
      onSuccess: async () => {
        const name = candidates.find((m) => m.userId === target)?.displayName ?? "The new owner";
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.pathKey() });
        toast({ title: "Ownership transferred", description: `${name} is now an owner; you are an admin.`, variant: "success" });
        router.refresh();
      },
      onError: (error) => toast({ title: "Ownership not transferred", description: describeClientError(error).message, variant: "error" }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Transfer ownership</CardTitle>
        <CardDescription>The member you choose becomes an owner and you become an admin.</CardDescription>
      </CardHeader>
      <CardContent>
        {candidates.length === 0 ? (
          <p className="text-sm text-muted-foreground">Invite someone first: there is nobody else to transfer to.</p>
        ) : (
          <form
            className="flex flex-col gap-2 sm:flex-row sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              if (target) transfer.mutate({ workspaceSlug, userId: target });
            }}
          >
            <div className="flex flex-1 flex-col gap-2">
              <Label htmlFor="transfer-target">New owner</Label>
              <Select id="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">Choose a member…</option>
                {candidates.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.displayName} ({m.email})
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="outline" disabled={!target || transfer.isPending}>
              {transfer.isPending ? "Transferring…" : "Transfer ownership"}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
