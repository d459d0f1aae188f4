import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { TokenAction } from "@/features/auth/ui/token-action";

export const metadata: Metadata = { title: "Confirm your new email address", referrer: "no-referrer" };

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  if (typeof token !== "string" || !token) {
    return (
      <AuthCard title="This confirmation link is incomplete" description="The link has no token. Open the whole link from the email, or request the change again.">
        <ButtonLink href="/account">Go to your account</ButtonLink>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Confirm your new email address" description="Press the button to make this address the one your account uses.">
      <TokenAction token={token} purpose="changeEmail" />
    </AuthCard>
  );
}
