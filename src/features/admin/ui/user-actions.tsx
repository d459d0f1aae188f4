"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { AdminUserDetail } from "../schemas";
import { adminMutation } from "./admin-mode-store";
import { ReasonDialog } from "./reason-dialog";

type Profile = AdminUserDetail["profile"];
type ActionKey = "resendVerification" | "markVerified" | "sendPasswordReset" | "resetTwoFactor" | "revokeSessions" | "lock" | "unlock" | "deleteUser";

const COPY: Record<ActionKey, { label: string; title: string; description: string; destructive?: boolean }> = {
  resendVerification: { label: "Resend verification", title: "Resend the verification email", description: "Sends a new verification link to their address." },
  markVerified: { label: "Mark verified", title: "Mark the address verified", description: "Only after you confirmed they own the address another way." },
  sendPasswordReset: { label: "Send password reset", title: "Send a password reset link", description: "They choose a new password from the link; nothing changes until they do." },
  resetTwoFactor: { label: "Reset 2FA", title: "Turn off two-factor authentication", description: "Only after verifying who they are. They are signed out everywhere and emailed.", destructive: true },
  revokeSessions: { label: "Sign out everywhere", title: "Sign them out on every device", description: "Every session ends now; they sign in again with their password.", destructive: true },
  lock: { label: "Lock account", title: "Lock the account", description: "They are signed out and refused at sign-in (with a link to support) until unlocked. You can undo this.", destructive: true },
  unlock: { label: "Unlock account", title: "Unlock the account", description: "They can sign in again." },
  deleteUser: { label: "Delete user", title: "Delete this account for good", description: "An export of their data is kept with the deletion record; workspaces only they belong to are deleted too. This can't be undone.", destructive: true },
};

/** The account actions: each asks for a reason and needs admin mode; lock/unlock update at once and roll back on failure. */
export function UserActions({ user }: { user: Profile }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const userKey = trpc.admin.user.queryKey({ id: user.id });
  const [open, setOpen] = useState<ActionKey | null>(null);
  const settle = {
    meta: { toast: false },
    onSuccess: (r: { message: string }) => toast({ title: "Done", description: r.message, variant: "success" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKey }),
  };
  const mutations = {
    resendVerification: useMutation(adminMutation(trpc.admin.resendVerification.mutationOptions(settle))),
    markVerified: useMutation(adminMutation(trpc.admin.markVerified.mutationOptions(settle))),
    sendPasswordReset: useMutation(adminMutation(trpc.admin.sendPasswordReset.mutationOptions(settle))),
    resetTwoFactor: useMutation(adminMutation(trpc.admin.resetTwoFactor.mutationOptions(settle))),
    revokeSessions: useMutation(adminMutation(trpc.admin.revokeSessions.mutationOptions(settle))),
  };
  const setLock = useMutation(
    adminMutation(
      trpc.admin.setLock.mutationOptions({
        meta: { toast: false },
        onMutate: async ({ locked, reason }) => {
          await queryClient.cancelQueries({ queryKey: userKey });
          const previous = queryClient.getQueryData(userKey);
          queryClient.setQueryData(userKey, (old) => (old ? { ...old, profile: { ...old.profile, locked, lockedAt: locked ? new Date() : null, lockedReason: locked ? reason : null } } : old));
          return { previous };
        },
        onError: (error, { locked }, context) => {
          queryClient.setQueryData(userKey, context?.previous);
          toast({ title: locked ? "Account not locked" : "Account not unlocked", description: `${describeClientError(error).message} Nothing changed; try again.`, variant: "error" });
        },
        onSuccess: (r) => toast({ title: "Done", description: r.message, variant: "success" }),
        onSettled: () => queryClient.invalidateQueries({ queryKey: userKey }),
      }),
    ),
  );
  const deleteUser = useMutation(
    adminMutation(
      trpc.admin.deleteUser.mutationOptions({
        meta: { toast: false },
        onSuccess: (r) => {
          toast({ title: "User deleted", description: r.message, variant: "success" });
          router.push("/admin/users");
        },
      }),
    ),
  );

  async function run(key: ActionKey, reason: string, confirm: string) {
    if (key === "lock" || key === "unlock") {
      // Optimistic: the dialog closes at once; a failure rolls back and toasts.
      setLock.mutate({ userId: user.id, locked: key === "lock", reason });
      return;
    }
    if (key === "deleteUser") return deleteUser.mutateAsync({ userId: user.id, reason, confirmEmail: confirm });
    return mutations[key].mutateAsync({ userId: user.id, reason });
  }

  const available: ActionKey[] = [
    ...(user.emailVerified ? [] : (["resendVerification", "markVerified"] as const)),
    "sendPasswordReset",
    ...(user.twoFactorEnabled ? (["resetTwoFactor"] as const) : []),
    "revokeSessions",
    user.locked ? "unlock" : "lock",
    "deleteUser",
  ];
  const current = open ? COPY[open] : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Actions</CardTitle>
        <CardDescription>Each needs a reason and admin mode; both logs record it.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2 p-6" data-testid="admin-user-actions">
        {available.map((key) => (
          <Button key={key} size="sm" variant={COPY[key].destructive ? "outline" : "secondary"} onClick={() => setOpen(key)}>
            {COPY[key].label}
          </Button>
        ))}
      </CardContent>
      {current && open ? (
        <ReasonDialog
          open
          onOpenChange={(next) => (next ? undefined : setOpen(null))}
          title={current.title}
          description={current.description}
          confirmLabel={current.label}
          destructive={current.destructive}
          confirmText={open === "deleteUser" ? user.email : undefined}
          onSubmit={({ reason, confirm }) => run(open, reason, confirm)}
        />
      ) : null}
    </Card>
  );
}
