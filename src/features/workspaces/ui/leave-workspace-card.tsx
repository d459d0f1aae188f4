"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { ConfirmDialog } from "./confirm-dialog";

export function LeaveWorkspaceCard({ workspaceSlug, workspaceName, personal }: { workspaceSlug: string; workspaceName: string; personal: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const leave = useMutation(
    trpc.workspaces.leave.mutationOptions({
      meta: { toast: false },
      onSuccess: async () => {
        setOpen(false);
        // Only the list: this workspace's own queries would now answer 404.
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.mine.queryKey() });
        toast({ title: `You left ${workspaceName}`, description: "Ask an admin to invite you again if you need access.", variant: "success" });
        router.push("/app");
      },
      onError: (error) => {
        setOpen(false);
        toast({ title: "You're still a member", description: describeClientError(error).message, variant: "error" });
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Leave workspace</CardTitle>
        <CardDescription>
          {personal ? "This is your personal workspace; it can't be left." : `You'll lose access to ${workspaceName} until someone invites you again.`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="outline" disabled={personal} onClick={() => setOpen(true)}>
          Leave {workspaceName}
        </Button>
      </CardContent>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Leave ${workspaceName}?`}
        description={<p>You&apos;ll lose access at once. If you&apos;re the last owner, transfer ownership first.</p>}
        confirmLabel="Leave workspace"
        pending={leave.isPending}
        onConfirm={() => leave.mutate({ workspaceSlug })}
      />
    </Card>
  );
}
