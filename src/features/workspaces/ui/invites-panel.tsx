"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { PendingInvite } from "../schemas";
import { Select } from "./select";
import { useResendInvite, useRevokeInvite, useSendInvite } from "./use-invite-mutations";
import { EmptyState } from "@/components/ui/empty-state";

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function InvitesPanel({ workspaceSlug, invites }: { workspaceSlug: string; invites: PendingInvite[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"member" | "admin">("member");
  const [errors, setErrors] = useState<Partial<Record<"email" | "role", string>>>({});
  const send = useSendInvite(workspaceSlug, { onFieldErrors: setErrors, onSent: () => setEmail("") });
  const resend = useResendInvite(workspaceSlug);
  const revoke = useRevokeInvite(workspaceSlug);

  function submit(event: FormEvent) {
    event.preventDefault();
    // The server checks the address and role; its errors land under each field (onFieldErrors).
    setErrors({});
    send.mutate({ workspaceSlug, email, role });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite people</CardTitle>
        <CardDescription>They get an email with a link that works once and expires in 7 days.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <form onSubmit={submit} noValidate className="flex flex-col gap-2" aria-label="Invite someone">
          <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="flex flex-1 flex-col gap-2">
              <Label htmlFor="invite-email">Email</Label>
              <Input
                id="invite-email"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                placeholder="teammate@example.com"
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={errors.email ? "invite-email-error" : undefined}
              />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="invite-role">Role</Label>
              <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as "member" | "admin")}>
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </Select>
            </div>
            <Button type="submit" disabled={send.isPending}>{send.isPending ? "Sending…" : "Send invite"}</Button>
          </div>
          <FieldError id="invite-email-error">{errors.email}</FieldError>
          <FieldError id="invite-role-error">{errors.role}</FieldError>
        </form>

        <div>
          <h3 className="mb-2 text-sm font-semibold">Pending invites</h3>
          {invites.length === 0 ? (
            <EmptyState compact title="No pending invites" description="People you invite with the form above are listed here until they accept; you can resend or withdraw an invite." />
          ) : (
            <ul className="divide-y divide-border" aria-label="Pending invites">
              {invites.map((invite) => {
                return (
                  <li key={invite.id} data-testid="invite-row" className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                    <div>
                      <div className="font-medium">{invite.email}</div>
                      <div className="text-muted-foreground">
                        {invite.role === "admin" ? "Admin" : "Member"} · {invite.expired ? "expired" : "expires"} {date.format(invite.expiresAt)}
                        {invite.invitedByName ? ` · invited by ${invite.invitedByName}` : ""}
                      </div>
                    </div>
                    <div className="flex gap-2">
                      <Button variant="outline" size="sm" onClick={() => resend.mutate({ workspaceSlug, inviteId: invite.id })}>
                        Resend
                      </Button>
                      <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ workspaceSlug, inviteId: invite.id })}>
                        Revoke
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
