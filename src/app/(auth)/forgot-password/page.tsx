import type { Metadata } from "next";
import { TextLink } from "@/components/ui/text-link";
import { AuthCard } from "@/features/auth/ui/auth-card";
import { ForgotPasswordForm } from "@/features/auth/ui/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      description="Enter your account's email address and we'll send you a link to choose a new password."
      footer={
        <TextLink href="/sign-in">
          Back to sign in
        </TextLink>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
