"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { plural } from "@/lib/plural";
import { useTRPC } from "@/trpc/client";
import { Badge } from "./badge";
import { Row, Section, when } from "./detail-parts";
import { UserActions } from "./user-actions";
import { UserRecentRequests, UserRecentRequestsSkeleton } from "./user-recent-requests";

/** Everything support sees about one account. `#impersonate` is where impersonation puts its button. */
export function UserDetail({ userId, actions }: { userId: string; actions?: ReactNode }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.admin.user.queryOptions({ id: userId }));
  const p = data.profile;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]" data-testid="admin-user-email">
          {p.email}
        </h1>
        <p className="text-sm text-muted-foreground">
          {p.displayName} · joined {when(p.createdAt)} · <span className="font-mono text-xs">{p.id}</span>
        </p>
        <div className="flex flex-wrap gap-1" data-testid="admin-user-status">
          {p.locked ? <Badge tone="danger">Locked</Badge> : <Badge tone="ok">Active</Badge>}
          <Badge tone={p.emailVerified ? "ok" : "warn"}>{p.emailVerified ? "Email verified" : "Email not verified"}</Badge>
          <Badge tone={p.twoFactorEnabled ? "ok" : "muted"}>{p.twoFactorEnabled ? "2FA on" : "2FA off"}</Badge>
          {p.staffRole ? <Badge tone="info">Staff · {p.staffRole}</Badge> : null}
        </div>
        {p.locked ? <p className="text-sm text-destructive">Locked {when(p.lockedAt)}: {p.lockedReason}</p> : null}
        <div id="impersonate" className="flex flex-wrap gap-2">
          {actions}
        </div>
      </div>

      <UserActions user={p} />

      <Section title="Sessions" count={data.sessions.length} empty={{ title: "Not signed in anywhere", description: "Each browser or device where this person is signed in shows here, with its address and when it was last seen." }}>
        {data.sessions.map((s) => (
          <Row key={s.publicId} primary={s.device} secondary={`${s.ip ?? "unknown IP"} · signed in ${when(s.createdAt)}`} aside={<>last seen {when(s.lastSeenAt)}</>} />
        ))}
      </Section>
      <Section title="Security log" description="Newest 20 events of this account." count={data.securityLog.length} empty={{ title: "No security events", description: "Sign-ins, failed attempts, password, email and two-factor changes are recorded here, newest first." }}>
        {data.securityLog.map((e) => (
          <Row key={e.id} primary={e.type} secondary={e.details ?? undefined} aside={<>{e.ip ?? ""} · {when(e.createdAt)}</>} />
        ))}
      </Section>
      <Section title="Workspaces and roles" count={data.workspaces.length} empty={{ title: "Not in any workspace", description: "Workspaces they create or join by invite show here with their role and plan." }}>
        {data.workspaces.map((w) => (
          <Row key={w.id} primary={<Link className="underline-offset-4 hover:underline" href={`/admin/workspaces/${w.id}`}>{w.name}</Link>} secondary={w.slug} aside={<><Badge>{w.role}</Badge><Badge>{w.plan}</Badge></>} />
        ))}
      </Section>
      <Section title="API keys" description="Metadata only: secrets are never stored in a form anyone can read." count={data.apiKeys.length} empty={{ title: "No API keys", description: "Keys they create in any workspace show here with scopes and last use; never the secret." }}>
        {data.apiKeys.map((k) => (
          <Row key={k.id} primary={`${k.name} (${k.start}…)`} secondary={`${k.workspaceSlug} · ${k.environment} · ${k.scopes.join(", ")}`} aside={k.revokedAt ? <Badge tone="muted">revoked</Badge> : <>last used {when(k.lastUsedAt)}</>} />
        ))}
      </Section>
      <Section title="Mail sent" description="From the outbox, newest first." count={data.mail.length} empty={{ title: "No mail to this address", description: "Each email the app sends them (verification, sign-in alerts, invites, status news) shows here with whether it went out." }}>
        {data.mail.map((m) => (
          <Row key={m.id} primary={m.subject} aside={m.deadLettered ? <Badge tone="danger">failed</Badge> : m.sentAt ? <>sent {when(m.sentAt)}</> : <Badge tone="warn">queued</Badge>} />
        ))}
      </Section>
      <Section title="Notifications" count={data.notifications.length} empty={{ title: "No notifications", description: "What their bell shows (invites, sign-ins from new devices, news on feedback they follow) shows here, read or not." }}>
        {data.notifications.map((n) => (
          <Row key={n.id} primary={n.title} secondary={n.type} aside={<>{n.read ? "read" : "unread"} · {when(n.createdAt)}</>} />
        ))}
      </Section>
      <Section title="Feedback" description="Posts they wrote." count={data.feedback.length} empty={{ title: "No feedback posts", description: "Posts they write on any board show here with their status and votes." }}>
        {data.feedback.map((f) => (
          <Row key={f.id} primary={f.title} secondary={f.workspaceSlug} aside={<><Badge>{f.status}</Badge> {plural(f.voteCount, "vote")}</>} />
        ))}
      </Section>
      <Section title="Billing" description="Workspaces they own." count={data.billing.length} empty={{ title: "They own no workspace", description: "The plan and subscription of each workspace they own shows here." }}>
        {data.billing.map((b) => (
          <Row key={b.workspaceSlug} primary={b.workspaceSlug} aside={<><Badge>{b.plan}</Badge>{b.status ? <Badge tone={b.status === "active" ? "ok" : "warn"}>{b.status}</Badge> : <Badge>no subscription</Badge>}{b.cancelAtPeriodEnd ? <Badge tone="warn">cancels at period end</Badge> : null}</>} />
        ))}
      </Section>
      <Suspense fallback={<UserRecentRequestsSkeleton />}>
        <UserRecentRequests userId={userId} />
      </Suspense>
      <Card>
        <CardHeader>
          <CardTitle>Recent API request ids</CardTitle>
        </CardHeader>
        <CardContent className="p-6">
          {data.requests.length === 0 ? (
            <p className="text-sm text-muted-foreground">No API requests with their keys.</p>
          ) : (
            <ul aria-label="Recent API request ids" className="flex flex-col gap-1 font-mono text-xs">
              {data.requests.map((r) => (
                <li key={r.requestId}>
                  {r.requestId} · {r.method} {r.path} → {r.status} · {when(r.createdAt)}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
