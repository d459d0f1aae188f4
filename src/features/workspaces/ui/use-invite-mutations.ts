"use client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeClientError, describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { INVITE_TTL_DAYS } from "../constants";
import { useMembersCache } from "./use-member-mutations";

export function useSendInvite(workspaceSlug: string, opts: { onFieldErrors: (errors: Partial<Record<"email" | "role", string>>) => void; onSent: () => void }) {
  const trpc = useTRPC();
  const cache = useMembersCache(workspaceSlug);
  return useMutation(
    trpc.workspaces.invite.mutationOptions({
      meta: { toast: false },
      onSuccess: ({ email }) => {
        opts.onSent();
        toast({ title: "Invite sent", description: `${email} will get an email with a link valid for ${INVITE_TTL_DAYS} days.`, variant: "success" });
      },
      onError: (error) => {
        const { fieldErrors, toast: message } = describeFormError(error, ["email", "role"]);
        opts.onFieldErrors(fieldErrors);
        if (message) toast({ title: "Invite not sent", description: message, variant: "error" });
      },
      onSettled: () => cache.settle(),
    }),
  );
}

/** Moves the expiry forward at once; the old link stops working when the new email goes out. */
export function useResendInvite(workspaceSlug: string) {
  const trpc = useTRPC();
  const cache = useMembersCache(workspaceSlug);
  return useMutation(
    trpc.workspaces.resendInvite.mutationOptions({
      meta: { toast: false },
      onMutate: ({ inviteId }) =>
        cache.apply((list) => ({
          ...list,
          invites: list.invites?.map((i) => (i.id === inviteId ? { ...i, expired: false, expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 86_400_000) } : i)) ?? null,
        })),
      onError: (error, _vars, context) => {
        cache.rollback(context);
        toast({ title: "Invite not resent", description: describeClientError(error).message, variant: "error" });
      },
      onSuccess: () => toast({ title: "Invite resent", description: "A new link is on its way; the previous one no longer works.", variant: "success" }),
      onSettled: () => cache.settle(),
    }),
  );
}

export function useRevokeInvite(workspaceSlug: string) {
  const trpc = useTRPC();
  const cache = useMembersCache(workspaceSlug);
  return useMutation(
    trpc.workspaces.revokeInvite.mutationOptions({
      meta: { toast: false },
      onMutate: ({ inviteId }) => cache.apply((list) => ({ ...list, invites: list.invites?.filter((i) => i.id !== inviteId) ?? null })),
      onError: (error, _vars, context) => {
        cache.rollback(context);
        toast({ title: "Invite not revoked", description: `${describeClientError(error).message} The invite is back in the list.`, variant: "error" });
      },
      onSuccess: () => toast({ title: "Invite revoked", description: "Its link no longer works.", variant: "success" }),
      onSettled: () => cache.settle(),
    }),
  );
}
