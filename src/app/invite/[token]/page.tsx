import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import type { InvitePreview } from "@/features/workspaces/schemas";
import { AcceptInviteButton } from "@/features/workspaces/ui/accept-invite-button";
import { createCaller } from "@/server/trpc/root";
import { getServerContext } from "@/trpc/server";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const date = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

async function loadPreview(token: string): Promise<InvitePreview | null> {
  try {
    return await createCaller(await getServerContext()).workspaces.invitePreview({ token });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, viewer] = [await loadPreview(token), (await getServerContext()).viewer];
  const here = `/invite/${token}`;

  if (!preview) {
    return (
      <InviteCard title="This invite link isn't valid" description="Check that you copied the whole link from the email, or ask for a new invite.">
        <ButtonLink href="/" variant="outline">Go to the home page</ButtonLink>
      </InviteCard>
    );
  }

  const from = preview.inviterName ?? "Someone";
  const role = preview.role === "admin" ? "an admin" : "a member";
  if (preview.status !== "pending") {
    const reason = {
      expired: `This invite expired on ${date.format(preview.expiresAt)}. Ask ${from} to send a new one.`,
      accepted: "This invite has already been used. If it was you, your workspaces are in the app.",
      revoked: `This invite was withdrawn. Ask ${from} if you should still have access.`,
    }[preview.status];
    return (
      <InviteCard title={`Invite to ${preview.workspaceName}`} description={reason} testId={`invite-${preview.status}`}>
        <ButtonLink href="/app" variant="outline">Open the app</ButtonLink>
      </InviteCard>
    );
  }

  const description = `${from} invited ${preview.email} to join ${preview.workspaceName} as ${role}.`;
  if (!viewer) {
    const next = encodeURIComponent(here);
    return (
      <InviteCard title={`Join ${preview.workspaceName}`} description={description} testId="invite-signed-out">
        <p className="text-sm text-muted-foreground">Sign in or create an account as {preview.email} to accept.</p>
        <div className="flex flex-wrap gap-3">
          <ButtonLink href={`/sign-in?next=${next}`}>Sign in to accept</ButtonLink>
          <ButtonLink href={`/sign-up?next=${next}`} variant="outline">Create an account</ButtonLink>
        </div>
      </InviteCard>
    );
  }

  if (viewer.email.toLowerCase() !== preview.email) {
    return (
      <InviteCard title={`Join ${preview.workspaceName}`} description={description} testId="invite-wrong-account">
        <p className="text-sm">
          You&apos;re signed in as <strong>{viewer.email}</strong>, but this invite was sent to <strong>{preview.email}</strong>. Sign in as that
          address to accept it.
        </p>
        <ButtonLink href={`/sign-in?next=${encodeURIComponent(here)}`} variant="outline" className="max-w-full self-start">
          <span className="truncate">Sign in as {preview.email}</span>
        </ButtonLink>
      </InviteCard>
    );
  }

  return (
    <InviteCard title={`Join ${preview.workspaceName}`} description={description} testId="invite-pending">
      <p className="text-sm text-muted-foreground">The link works once and expires on {date.format(preview.expiresAt)}.</p>
      <AcceptInviteButton token={token} workspaceName={preview.workspaceName} />
    </InviteCard>
  );
}

function InviteCard({ title, description, children, testId }: { title: string; description: string; children: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">{children}</CardContent>
    </Card>
  );
}
