"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";

export function VerifyEmailBanner({ email }: { email: string }) {
  const trpc = useTRPC();
  const resend = useMutation(
    trpc.auth.resendVerification.mutationOptions({
      meta: { toast: false },
      onSuccess: (result) =>
        toast(
          result.kind === "sent"
            ? { title: "Verification email sent", description: `Check ${result.email} (and its spam folder). The link works for 24 hours.`, variant: "success" }
            : { title: "Already verified", description: "Your email address is verified. Reload the page to hide this notice.", variant: "success" },
        ),
      onError: (error) => toast({ title: "Email not sent", description: describeClientError(error).message, variant: "error" }),
    }),
  );
  return (
    <div role="region" aria-label="Email verification" data-testid="verify-email-banner" className="border-b border-border bg-muted">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm sm:px-6">
        <p>
          <span className="font-medium">Verify your email address</span> — we sent a link to <span className="font-medium">{email}</span>.
        </p>
        <Button variant="outline" size="sm" onClick={() => resend.mutate()} disabled={resend.isPending}>
          {resend.isPending ? "Sending…" : "Resend"}
        </Button>
      </div>
    </div>
  );
}
