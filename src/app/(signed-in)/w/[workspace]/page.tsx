import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ArrowRightIcon, PulseIcon, UsersIcon } from "@/components/ui/icons";
import { LeaveWorkspaceCard } from "@/features/workspaces/ui/leave-workspace-card";
import { loadWorkspace, type WorkspaceParams } from "./load-workspace";

export async function generateMetadata({ params }: WorkspaceParams): Promise<Metadata> {
  return { title: (await loadWorkspace((await params).workspace)).name };
}

const ROLE = { owner: "an owner", admin: "an admin", member: "a member" } as const;

export default async function WorkspaceOverviewPage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  const base = `/w/${workspace.slug}`;
  const links = [
    { href: `${base}/members`, title: "Members", description: workspace.role === "member" ? "See who is in this workspace." : "Invite people and manage roles.", icon: <UsersIcon /> },
    ...(workspace.role !== "member" ? [{ href: `${base}/audit`, title: "Audit log", description: "Who changed what, and when.", icon: <PulseIcon /> }] : []),
    { href: "/status", title: "System status", description: "Database, jobs and realtime, checked live.", icon: <PulseIcon /> },
  ];
  return (
    <div className="flex flex-col gap-8">
      <dl className="grid gap-4 sm:grid-cols-3">
        <Stat label="Your role" value={ROLE[workspace.role].replace(/^an? /, "")} testId="overview-role" />
        <Stat label="Members" value={String(workspace.memberCount)} testId="overview-member-count" />
        <Stat label="Type" value={workspace.personal ? "Personal" : "Shared"} />
      </dl>
      <section aria-labelledby="quick-links" className="flex flex-col gap-4">
        <h2 id="quick-links" className="text-lg font-semibold">Quick links</h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {links.map((link) => (
            <Card key={link.href} className="group relative transition-colors focus-within:border-primary hover:border-primary">
              <CardHeader className="pb-6">
                <span className="mb-2 grid size-10 place-items-center rounded-lg bg-primary/10 text-xl text-primary">{link.icon}</span>
                <CardTitle as="h3">
                  <Link href={link.href} className="rounded-sm after:absolute after:inset-0 after:rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
                    {link.title}
                  </Link>
                </CardTitle>
                <CardDescription>{link.description}</CardDescription>
                <span className="mt-3 inline-flex items-center gap-1 text-sm font-medium text-primary" aria-hidden="true">
                  Open <ArrowRightIcon className="transition-transform group-hover:translate-x-0.5" />
                </span>
              </CardHeader>
            </Card>
          ))}
        </div>
      </section>
      {workspace.role === "member" ? <LeaveWorkspaceCard workspaceSlug={workspace.slug} workspaceName={workspace.name} personal={workspace.personal} /> : null}
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-border bg-card p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold capitalize" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
