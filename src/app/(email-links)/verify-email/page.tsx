import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { TokenAction } from "@/features/auth/ui/token-action";

export const metadata: Metadata = { title: "Verify your email address", referrer: "no-referrer" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  if (typeof token !== "string" || !token) {
    return (
      <AuthCard title="This verification link is incomplete" description="The link has no token. Open the whole link from the email, or sign in and send a new one.">
        <ButtonLink href="/sign-in">Sign in</ButtonLink>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Verify your email address" description="Press the button to confirm this address belongs to you.">
      <TokenAction token={token} purpose="verify" />
    </AuthCard>
  );
}
