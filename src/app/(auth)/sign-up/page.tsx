import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { TextLink } from "@/components/ui/text-link";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/features/auth/schemas";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { SignUpForm } from "@/features/auth/ui/sign-up-form";
import { inviteTokenFromPath } from "@/features/workspaces/schemas";
import { createCaller } from "@/server/trpc/root";
import { getServerContext, getViewer } from "@/trpc/server";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeRedirectPath(typeof raw === "string" ? raw : null);
  if (await getViewer()) redirect(next ?? "/app");
  const invite = await invitedTo(next);
  return (
    <AuthCard
      title={invite ? `Join ${invite.workspaceName}` : "Create your account"}
      description={invite ? `Create your account as ${invite.email} to accept the invite. Your address counts as verified: the invite went to it.` : "You get a personal workspace right away; invite your team later."}
      footer={
        <p>
          Already have an account?{" "}
          <TextLink href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>
            Sign in
          </TextLink>
        </p>
      }
    >
      <SignUpForm next={next} email={invite?.email} />
    </AuthCard>
  );
}

/** The pending invite a `next` of /invite/<token> points at, so the form can start from its address. */
async function invitedTo(next: string | null) {
  const token = inviteTokenFromPath(next);
  if (!token) return null;
  try {
    const preview = await createCaller(await getServerContext()).workspaces.invitePreview({ token });
    return preview.status === "pending" ? preview : null;
  } catch (error) {
    // A bad or unknown link (or too many lookups) still gets the plain sign-up form.
    if (error instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST", "TOO_MANY_REQUESTS"].includes(error.code)) return null;
    throw error;
  }
}
