"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowRightIcon, CardIcon, KeyIcon, MessageIcon, UsersIcon } from "@/components/ui/icons";
import { formatRelative } from "@/lib/format-relative";
import { plural } from "@/lib/plural";
import { useTRPC } from "@/trpc/client";
import type { WorkspaceHome as Home } from "../schemas";

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const SUBSCRIPTION_STATUS: Record<string, string> = { active: "Active", trialing: "Trial", past_due: "Payment failed", unpaid: "Unpaid", canceled: "Canceled", incomplete: "Incomplete", incomplete_expired: "Expired", paused: "Paused" };

/** The workspace's front page: what is happening on its boards, who is here, and (for admins) plan and API usage. */
export function WorkspaceHome({ workspaceSlug }: { workspaceSlug: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.home.workspace.queryOptions({ workspaceSlug }));
  const base = `/w/${workspaceSlug}`;
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="workspace-home">
      <ActivityCard base={base} activity={data.activity} canCreateBoard={data.members.canInvite} />
      <div className="flex min-w-0 flex-col gap-4">
        <MembersCard base={base} members={data.members} />
        {data.plan ? <PlanCard base={base} plan={data.plan} /> : null}
        {data.usage ? <UsageCard base={base} usage={data.usage} /> : null}
      </div>
    </div>
  );
}

function HomeCard({ title, description, icon, children, className, testId }: { title: string; description: string; icon: ReactNode; children: ReactNode; className?: string; testId: string }) {
  return (
    <Card className={className} data-testid={testId}>
      <CardHeader>
        <div className="flex items-center gap-2">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-primary/10 text-primary">
            {icon}
          </span>
          <CardTitle>{title}</CardTitle>
        </div>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">{children}</CardContent>
    </Card>
  );
}

function MoreLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 self-start rounded-sm text-sm font-medium text-primary hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
      {children} <ArrowRightIcon aria-hidden="true" />
    </Link>
  );
}

function ActivityCard({ base, activity, canCreateBoard }: { base: string; activity: Home["activity"]; canCreateBoard: boolean }) {
  return (
    <HomeCard
      className="min-w-0 lg:col-span-2"
      testId="home-activity"
      icon={<MessageIcon />}
      title="Latest feedback"
      description="New posts, comments and status changes on this workspace's boards, as they happen."
    >
      {activity.boardCount === 0 ? (
        <EmptyState
          title="Feedback starts with a board"
          description={
            canCreateBoard
              ? "Create a board and share its link: your users post ideas and vote on them, and what they say shows up here as it happens."
              : "Once an admin creates a board, what people post and say on it shows up here as it happens."
          }
          action={canCreateBoard ? <ButtonLink href={`${base}/boards#new-board-name`} size="sm">Create a board</ButtonLink> : undefined}
        />
      ) : activity.items.length === 0 ? (
        <EmptyState
          title="No feedback yet"
          description="Share a board's link with your users. Their posts, comments and your status changes show up here as they happen."
          action={<ButtonLink href={`${base}/boards`} size="sm" variant="outline">Open your boards</ButtonLink>}
        />
      ) : (
        <>
          <ol className="flex flex-col divide-y divide-border" aria-label="Latest feedback">
            {activity.items.map((item) => (
              <li key={`${item.kind}-${item.id}`} className="flex min-w-0 flex-col gap-0.5 py-3 first:pt-0" data-testid="activity-item" data-kind={item.kind}>
                <p className="min-w-0 text-sm [overflow-wrap:anywhere]">
                  <span className="font-medium">{item.actorName ?? "Someone"}</span> {verb(item)}{" "}
                  <Link href={item.href} className="font-medium text-foreground underline-offset-2 hover:underline">
                    {item.postTitle}
                  </Link>
                  {item.kind === "status" ? (
                    <>
                      {" "}to <span className="font-medium">{item.statusLabel}</span>
                    </>
                  ) : null}
                </p>
                {item.excerpt ? <p className="line-clamp-2 text-sm text-muted-foreground [overflow-wrap:anywhere]">{item.excerpt}</p> : null}
                <p className="text-xs text-muted-foreground">
                  {item.boardName} ·{" "}
                  <time dateTime={item.at.toISOString()} title={date.format(item.at)} suppressHydrationWarning>
                    {formatRelative(item.at)}
                  </time>
                </p>
              </li>
            ))}
          </ol>
          <MoreLink href={`${base}/boards`}>All boards</MoreLink>
        </>
      )}
    </HomeCard>
  );
}

function verb(item: Home["activity"]["items"][number]): string {
  if (item.kind === "post") return "posted";
  if (item.kind === "comment") return "commented on";
  return "moved";
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}

function MembersCard({ base, members }: { base: string; members: Home["members"] }) {
  const alone = members.count <= 1;
  return (
    <HomeCard testId="home-members" icon={<UsersIcon />} title="Members" description={alone ? "Just you so far." : `${plural(members.count, "person", "people")} in this workspace.`}>
      {alone && members.canInvite ? (
        <EmptyState
          compact
          title="Work on it together"
          description="Invite teammates to triage feedback, manage keys and see the same live updates."
          action={<ButtonLink href={`${base}/members#invite-email`} size="sm">Invite people</ButtonLink>}
        />
      ) : (
        <>
          <ul className="flex flex-col gap-2" aria-label="Newest members">
            {members.newest.map((m) => (
              <li key={m.userId} className="flex min-w-0 items-center gap-2" data-testid="home-member">
                <span aria-hidden="true" className="grid size-8 shrink-0 place-items-center rounded-full bg-primary/15 text-xs font-semibold text-primary">
                  {initials(m.displayName)}
                </span>
                <span className="min-w-0 truncate text-sm">{m.displayName}</span>
                <span className="ml-auto shrink-0 text-xs capitalize text-muted-foreground">{m.role}</span>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-center gap-3">
            {members.canInvite ? <ButtonLink href={`${base}/members#invite-email`} size="sm">Invite people</ButtonLink> : null}
            <MoreLink href={`${base}/members`}>{members.count > members.newest.length ? `See all ${members.count}` : "See everyone"}</MoreLink>
          </div>
        </>
      )}
    </HomeCard>
  );
}

function PlanCard({ base, plan }: { base: string; plan: NonNullable<Home["plan"]> }) {
  if (plan.personal) {
    return (
      <HomeCard testId="home-plan" icon={<CardIcon />} title="Plan" description="Personal workspaces stay on Free.">
        <p className="text-2xl font-semibold" data-testid="home-plan-name">{plan.name}</p>
        <MoreLink href="/w/new">Create a team workspace to subscribe</MoreLink>
      </HomeCard>
    );
  }
  const status = plan.status ? (SUBSCRIPTION_STATUS[plan.status] ?? plan.status) : null;
  const renewal = plan.renewsAt ? `${plan.cancelAtPeriodEnd ? "Ends" : "Renews"} ${date.format(plan.renewsAt)}` : null;
  return (
    <HomeCard testId="home-plan" icon={<CardIcon />} title="Plan" description={plan.status ? "Your subscription at a glance." : "No subscription: the Free plan's limits apply."}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <p className="text-2xl font-semibold" data-testid="home-plan-name">{plan.name}</p>
        {status ? <p className="text-sm text-muted-foreground" data-testid="home-plan-status">{status}</p> : null}
      </div>
      {renewal ? <p className="text-sm text-muted-foreground">{renewal}</p> : null}
      {plan.status === "past_due" || plan.status === "unpaid" ? (
        <p role="alert" className="rounded-md border border-destructive/50 bg-destructive/5 p-2 text-sm">
          The last payment failed{plan.graceEndsAt ? `; update the card by ${date.format(plan.graceEndsAt)}` : ""}.
        </p>
      ) : null}
      <MoreLink href={`${base}/billing`}>{plan.status ? "Manage billing" : "See plans"}</MoreLink>
    </HomeCard>
  );
}

function UsageCard({ base, usage }: { base: string; usage: NonNullable<Home["usage"]> }) {
  const share = usage.included > 0 ? Math.min(1, usage.requests / usage.included) : 0;
  const since = date.format(new Date(`${usage.periodStart}T00:00:00Z`));
  return (
    <HomeCard testId="home-usage" icon={<KeyIcon />} title="API usage" description={`This period, since ${since}.`}>
      {usage.requests === 0 ? (
        <EmptyState
          compact
          title="No API calls yet"
          description={`Your plan includes ${usage.included.toLocaleString("en-US")} requests a month. Create a key to call the REST API; calls are counted here.`}
          action={<ButtonLink href={`${base}/api-keys`} size="sm">Create a key</ButtonLink>}
        />
      ) : (
        <>
          <p className="text-sm">
            <span className="text-2xl font-semibold" data-testid="home-usage-requests">{usage.requests.toLocaleString("en-US")}</span>{" "}
            <span className="text-muted-foreground">of {usage.included.toLocaleString("en-US")} included</span>
          </p>
          <div
            role="meter"
            aria-label="API requests used this period"
            aria-valuemin={0}
            aria-valuemax={usage.included}
            aria-valuenow={Math.min(usage.requests, usage.included)}
            className="h-2 overflow-hidden rounded-full bg-muted"
          >
            <div className={share >= 0.9 ? "h-full bg-destructive" : "h-full bg-primary"} style={{ width: `${Math.max(share * 100, 1)}%` }} />
          </div>
          <MoreLink href={`${base}/api-keys/usage`}>See API usage</MoreLink>
        </>
      )}
    </HomeCard>
  );
}
