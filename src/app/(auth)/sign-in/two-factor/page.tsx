import type { Metadata } from "next";
import { TextLink } from "@/components/ui/text-link";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/features/auth/schemas";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { TwoFactorSignInForm } from "@/features/auth/ui/two-factor-sign-in-form";
import { getServerContext } from "@/trpc/server";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = typeof raw === "string" ? raw : null;
  const ctx = await getServerContext();
  // Only a session that passed the password step belongs here.
  if (ctx.viewer) redirect(safeRedirectPath(next) ?? "/app");
  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
  if (!ctx.pendingTwoFactor) redirect(signInHref);

  return (
    <AuthCard
      title="Two-factor authentication"
      description="Your password was right. Now confirm it's you with your second factor."
      footer={
        <p>
          Not you, or lost your phone and your codes?{" "}
          <TextLink href={signInHref}>
            Start over
          </TextLink>
        </p>
      }
    >
      <TwoFactorSignInForm next={next} />
    </AuthCard>
  );
}
