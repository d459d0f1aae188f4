"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { MembersList, WorkspaceRoleValue } from "../schemas";

/** The members query of one workspace, with a helper to edit it optimistically and roll back. */
export function useMembersCache(workspaceSlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.workspaces.members.queryKey({ workspaceSlug });
  return {
    async apply(update: (list: MembersList) => MembersList) {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      queryClient.setQueryData(key, (old) => (old ? update(old) : old));
      return { previous };
    },
    rollback: (context: { previous?: MembersList } | undefined) => queryClient.setQueryData(key, context?.previous),
    settle: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: key }),
        queryClient.invalidateQueries({ queryKey: trpc.workspaces.get.queryKey({ workspaceSlug }) }),
      ]),
  };
}

/** Changes a role at once in the table; on failure the old role comes back with a toast saying why. */
export function useChangeRole(workspaceSlug: string) {
  const trpc = useTRPC();
  const cache = useMembersCache(workspaceSlug);
  return useMutation(
    trpc.workspaces.changeRole.mutationOptions({
      meta: { toast: false },
      onMutate: ({ userId, role }) =>
        cache.apply((list) => ({ ...list, members: list.members.map((m) => (m.userId === userId ? { ...m, role } : m)) })),
      onError: (error, _vars, context) => {
        cache.rollback(context);
        toast({ title: "Role not changed", description: `${describeClientError(error).message} The previous role is back.`, variant: "error" });
      },
      onSuccess: ({ role }) => toast({ title: "Role changed", description: `They are now ${articled(role)}.`, variant: "success" }),
      onSettled: () => cache.settle(),
    }),
  );
}

/** Removes a member from the table at once; a failure puts them back with a toast. */
export function useRemoveMember(workspaceSlug: string) {
  const trpc = useTRPC();
  const cache = useMembersCache(workspaceSlug);
  return useMutation(
    trpc.workspaces.removeMember.mutationOptions({
      meta: { toast: false },
      onMutate: ({ userId }) => cache.apply((list) => ({ ...list, members: list.members.filter((m) => m.userId !== userId) })),
      onError: (error, _vars, context) => {
        cache.rollback(context);
        toast({ title: "Member not removed", description: describeClientError(error).message, variant: "error" });
      },
      onSuccess: () => toast({ title: "Member removed", description: "They no longer have access to this workspace.", variant: "success" }),
      onSettled: () => cache.settle(),
    }),
  );
}

export const articled = (role: WorkspaceRoleValue) => (role === "admin" || role === "owner" ? `an ${role}` : `a ${role}`);
