"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { plural } from "@/lib/plural";
import { useTRPC } from "@/trpc/client";
import { Badge } from "./badge";
import { Row, Section, when } from "./detail-parts";
import { TransferOwnerButton } from "./transfer-owner-button";

/** One workspace as support sees it. */
export function WorkspaceDetail({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.admin.workspace.queryOptions({ id: workspaceId }));
  const w = data.workspace;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{w.name}</h1>
        <p className="text-sm text-muted-foreground">
          <span className="font-mono">{w.slug}</span> · created {when(w.createdAt)} · <span className="font-mono text-xs">{w.id}</span>
        </p>
        <div className="flex flex-wrap gap-1">
          <Badge tone="info">{w.plan}</Badge>
          {w.seats ? <Badge>{w.seats} seats</Badge> : null}
          {w.personal ? <Badge>Personal</Badge> : null}
          {data.subscription ? <Badge tone={data.subscription.status === "active" ? "ok" : "warn"}>subscription {data.subscription.status}{data.subscription.cancelAtPeriodEnd ? ", cancels at period end" : ""}</Badge> : <Badge>no subscription</Badge>}
        </div>
        <p className="text-sm text-muted-foreground">
          Usage: {plural(data.usage.apiRequestsThisMonth, "API request")} this month · {plural(data.usage.boards, "board")} · {plural(data.usage.posts, "post")}
        </p>
      </div>
      <Section title="Members" count={data.members.length} empty={{ title: "No members", description: "Everyone in the workspace shows here with their role; ownership can be handed to any of them." }}>
        {data.members.map((m) => (
          <Row key={m.userId} primary={<Link className="underline-offset-4 hover:underline" href={`/admin/users/${m.userId}`}>{m.email}</Link>} secondary={m.displayName} aside={<><Badge tone={m.role === "owner" ? "info" : "muted"}>{m.role}</Badge>{m.locked ? <Badge tone="danger">locked</Badge> : null}{m.role === "owner" ? null : <TransferOwnerButton workspaceId={w.id} member={m} />}</>} />
        ))}
      </Section>
      <Section title="API keys" description="Metadata only." count={data.apiKeys.length} empty={{ title: "No API keys", description: "Keys its members create show here with their environment, creator and last use; never the secret." }}>
        {data.apiKeys.map((k) => (
          <Row key={k.id} primary={`${k.name} (${k.start}…)`} secondary={`${k.environment} · by ${k.createdByEmail ?? "a removed member"}`} aside={k.revokedAt ? <Badge>revoked</Badge> : <>last used {when(k.lastUsedAt)}</>} />
        ))}
      </Section>
      <Section title="Boards" count={data.boards.length} empty={{ title: "No feedback boards", description: "Boards its admins create show here with their visibility and number of posts." }}>
        {data.boards.map((b) => (
          <Row key={b.id} primary={b.name} secondary={b.slug} aside={<><Badge>{b.visibility}</Badge> {plural(b.posts, "post")}</>} />
        ))}
      </Section>
      <Section title="Audit trail" description="The workspace's own audit log, newest 50." count={data.audit.length} empty={{ title: "Nothing recorded yet", description: "Changes to members, invites, keys, boards and billing in this workspace are recorded here, newest first." }}>
        {data.audit.map((a) => (
          <Row key={a.id} primary={a.action} secondary={`${a.actorEmail ?? "system"}${a.impersonatorId ? " (impersonated)" : ""}${a.targetType ? ` · ${a.targetType}` : ""}`} aside={when(a.createdAt)} />
        ))}
      </Section>
    </div>
  );
}
