"use client";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/trpc/client";
import type { Member, WorkspaceRoleValue } from "../schemas";
import { ConfirmDialog } from "./confirm-dialog";
import { InvitesPanel } from "./invites-panel";
import { MemberKeysNotice } from "./member-keys-notice";
import { Select } from "./select";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useChangeRole, useRemoveMember } from "./use-member-mutations";

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const ROLE_LABEL: Record<WorkspaceRoleValue, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export function MembersPanel({ workspaceSlug, viewerId }: { workspaceSlug: string; viewerId: string }) {
  const trpc = useTRPC();
  const { data: workspace } = useSuspenseQuery(trpc.workspaces.get.queryOptions({ workspaceSlug }));
  const { data } = useSuspenseQuery(trpc.workspaces.members.queryOptions({ workspaceSlug }));
  const changeRole = useChangeRole(workspaceSlug);
  const removeMember = useRemoveMember(workspaceSlug);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [transferTo, setTransferTo] = useState("");
  const transferKeys = useMutation(trpc.apiKeys.transfer.mutationOptions({ meta: { toast: false } }));
  const viewerRole = workspace.role;

  const canEdit = (m: Member) => viewerRole !== "member" && m.userId !== viewerId && (m.role !== "owner" || viewerRole === "owner");
  const roleOptions: WorkspaceRoleValue[] = viewerRole === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {data.members.length} {data.members.length === 1 ? "person has" : "people have"} access to {workspace.name}.
          </CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Joined</th>
                <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {data.members.map((m) => (
                <tr key={m.userId} data-testid="member-row" data-user-id={m.userId}>
                  <td className="py-3 pr-4">
                    <div className="font-medium">
                      {m.displayName}
                      {m.userId === viewerId ? <span className="ml-2 text-xs text-muted-foreground">(you)</span> : null}
                    </div>
                    <div className="text-muted-foreground">{m.email}</div>
                  </td>
                  <td className="py-3 pr-4">
                    {canEdit(m) ? (
                      <Select
                        aria-label={`Role of ${m.displayName}`}
                        value={m.role}
                        onChange={(e) => changeRole.mutate({ workspaceSlug, userId: m.userId, role: e.target.value as WorkspaceRoleValue })}
                      >
                        {roleOptions.map((r) => (
                          <option key={r} value={r}>{ROLE_LABEL[r]}</option>
                        ))}
                      </Select>
                    ) : (
                      <span>{ROLE_LABEL[m.role]}</span>
                    )}
                  </td>
                  <td className="hidden py-3 pr-4 text-muted-foreground sm:table-cell">{date.format(m.joinedAt)}</td>
                  <td className="py-3 text-right">
                    {canEdit(m) ? (
                      <Button variant="ghost" size="sm" onClick={() => setRemoving(m)} aria-label={`Remove ${m.displayName}`}>
                        Remove
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>

      {data.invites ? <InvitesPanel workspaceSlug={workspaceSlug} invites={data.invites} /> : null}

      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) {
            setRemoving(null);
            setTransferTo("");
          }
        }}
        title={`Remove ${removing?.displayName ?? "member"}?`}
        description={<p>{removing?.displayName} will lose access to {workspace.name} at once. You can invite them again later.</p>}
        confirmLabel={transferTo ? "Hand over keys and remove" : "Remove member"}
        pending={transferKeys.isPending}
        onConfirm={async () => {
          if (!removing) return;
          if (transferTo) {
            try {
              const { transferred } = await transferKeys.mutateAsync({ workspaceSlug, fromUserId: removing.userId, toUserId: transferTo });
              toast({ title: "API keys handed over", description: `${transferred} ${transferred === 1 ? "key keeps" : "keys keep"} working.`, variant: "success" });
            } catch (error) {
              toast({ title: "Keys not handed over", description: `${describeClientError(error).message} ${removing.displayName} is still a member.`, variant: "error" });
              return;
            }
          }
          removeMember.mutate({ workspaceSlug, userId: removing.userId });
          setRemoving(null);
          setTransferTo("");
        }}
      >
        {removing && viewerRole !== "member" ? (
          <MemberKeysNotice
            workspaceSlug={workspaceSlug}
            member={removing}
            others={data.members.filter((m) => m.userId !== removing.userId)}
            transferTo={transferTo}
            onTransferToChange={setTransferTo}
          />
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
