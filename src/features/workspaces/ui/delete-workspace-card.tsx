"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { ConfirmDialog } from "./confirm-dialog";

export function DeleteWorkspaceCard({ workspaceSlug, workspaceName, personal }: { workspaceSlug: string; workspaceName: string; personal: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(
    trpc.workspaces.delete.mutationOptions({
      meta: { toast: false },
      onSuccess: async () => {
        setOpen(false);
        // Only the list: this workspace's own queries would now answer 404.
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.mine.queryKey() });
        toast({ title: `${workspaceName} was deleted`, description: "Its members, invites and history are gone.", variant: "success" });
        router.push("/app");
      },
      onError: (err) => {
        const { fieldErrors, toast: message } = describeFormError(err, ["confirmName"]);
        setError(fieldErrors.confirmName ?? null);
        if (message) toast({ title: "Workspace not deleted", description: message, variant: "error" });
      },
    }),
  );
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>Delete workspace</CardTitle>
        <CardDescription>
          {personal ? "Your personal workspace can't be deleted." : "Deletes the workspace with its members, invites and audit log. This can't be undone."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="destructive" disabled={personal} onClick={() => setOpen(true)}>
          Delete {workspaceName}
        </Button>
      </CardContent>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) {
            setTyped("");
            setError(null);
          }
        }}
        title={`Delete ${workspaceName}?`}
        description={<p>This can&apos;t be undone. Type <strong className="text-foreground">{workspaceName}</strong> to confirm.</p>}
        confirmLabel="Delete workspace"
        confirmDisabled={typed !== workspaceName}
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ workspaceSlug, confirmName: typed })}
      >
        <div className="flex flex-col gap-2">
          <Label htmlFor="delete-confirm-name">Workspace name</Label>
          <Input
            id="delete-confirm-name"
            value={typed}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "delete-confirm-name-error" : undefined}
          />
          <FieldError id="delete-confirm-name-error">{error}</FieldError>
        </div>
      </ConfirmDialog>
    </Card>
  );
}
