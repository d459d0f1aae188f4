import type { Metadata } from "next";
import { buttonClasses } from "@/components/ui/button-classes";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { ResetPasswordForm } from "@/features/auth/ui/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  if (typeof token !== "string" || !token) {
    return (
      <AuthCard title="This reset link is incomplete" description="The link has no token. Open the whole link from the email, or ask for a new one.">
        <a href="/forgot-password" className={buttonClasses()}>
          Request a new link
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" description="Setting a new password signs you out on every other device.">
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
