"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { useTRPC } from "@/trpc/client";
import { adminMutation } from "./admin-mode-store";
import { ReasonDialog } from "./reason-dialog";

/** "Make owner" on a member of a workspace whose owner is gone; current owners become admins. */
export function TransferOwnerButton({ workspaceId, member }: { workspaceId: string; member: { userId: string; email: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const transfer = useMutation(
    adminMutation(
      trpc.admin.transferOwnership.mutationOptions({
        meta: { toast: false },
        onSuccess: (r) => toast({ title: "Ownership transferred", description: r.message, variant: "success" }),
        onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.workspace.queryKey({ id: workspaceId }) }),
      }),
    ),
  );
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Make owner
      </Button>
      <ReasonDialog
        open={open}
        onOpenChange={setOpen}
        title={`Make ${member.email} the owner`}
        description="For a workspace whose owner is gone. Current owners become admins; the workspace's audit trail records it."
        confirmLabel="Transfer ownership"
        onSubmit={({ reason }) => transfer.mutateAsync({ workspaceId, newOwnerId: member.userId, reason })}
      />
    </>
  );
}
