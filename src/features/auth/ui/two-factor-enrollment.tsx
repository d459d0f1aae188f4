"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { Enrollment } from "../two-factor-schemas";
import { OneTimeCodeField } from "./one-time-code-field";

/** Scan (or type) the key, prove it with a code; only then is anything stored. */
export function TwoFactorEnrollment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const trpc = useTRPC();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);

  const begin = useMutation(trpc.twoFactor.beginEnrollment.mutationOptions({ onSuccess: setEnrollment }));
  const confirm = useMutation(
    trpc.twoFactor.confirmEnrollment.mutationOptions({
      meta: { toast: false },
      onSuccess: ({ recoveryCodes }) => onEnrolled(recoveryCodes),
      onError: (cause) => {
        const { message, fieldErrors } = describeClientError(cause);
        if (fieldErrors?.enrollmentToken) {
          setEnrollment(null);
          toast({ title: "Setup expired", description: fieldErrors.enrollmentToken[0], variant: "error" });
          return;
        }
        setError(fieldErrors?.code?.[0] ?? message);
      },
    }),
  );

  if (!enrollment) {
    return (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-muted-foreground">
          Protect your account with a code from an authenticator app (1Password, Google Authenticator, Authy…) in addition to
          your password.
        </p>
        <Button onClick={() => begin.mutate()} disabled={begin.isPending}>
          {begin.isPending ? "Preparing…" : "Set up two-factor authentication"}
        </Button>
      </div>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
      setError("Enter the 6-digit code from your authenticator app.");
      return;
    }
    setError(null);
    confirm.mutate({ enrollmentToken: enrollment!.enrollmentToken, code });
  }

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(enrollment!.manualKey.replace(/\s/g, ""));
      toast({ title: "Key copied", description: "Paste it into your authenticator app.", variant: "success" });
    } catch {
      toast({ title: "Couldn't copy", description: "Select the key and copy it, or type it in.", variant: "error" });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* The SVG is made on the server by uqr from the otpauth URI, never from user input. */}
        <div
          role="img"
          aria-label="QR code to scan with your authenticator app"
          className="size-48 shrink-0 overflow-hidden rounded-lg border border-border bg-white [&>svg]:size-full"
          dangerouslySetInnerHTML={{ __html: enrollment.qrSvg }}
        />
        <div className="flex flex-col gap-3 text-sm">
          <p>1. Scan this QR code with your authenticator app.</p>
          <p>2. Can&apos;t scan it? Enter this key in the app instead:</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="totp-manual-key" className="rounded-md bg-muted px-2 py-1 font-mono text-sm tracking-wide select-all">
              {enrollment.manualKey}
            </code>
            <Button variant="outline" size="sm" onClick={() => void copyKey()}>
              Copy key
            </Button>
          </div>
          <p>3. Enter the 6-digit code the app shows.</p>
        </div>
      </div>
      <OneTimeCodeField id="enroll-code" value={code} onChange={setCode} error={error} accepts="totp" disabled={confirm.isPending} />
      <div className="flex gap-2">
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? "Checking…" : "Turn on two-factor authentication"}
        </Button>
        <Button variant="ghost" onClick={() => setEnrollment(null)} disabled={confirm.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
