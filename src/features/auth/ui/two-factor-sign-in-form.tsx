"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describeClientError, failedCallStatus } from "@/trpc/errors";
import { trpcClient } from "@/trpc/vanilla";
import { classifySecondFactorCode } from "../second-factor-code";
import { OneTimeCodeField } from "./one-time-code-field";

/** The second step of sign-in; the password step already set a (not yet trusted) session cookie. */
export function TwoFactorSignInForm({ next }: { next: string | null }) {
  const [mode, setMode] = useState<"totp" | "recovery">("totp");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = classifySecondFactorCode(code);
    if (!parsed || (mode === "totp" && parsed.kind !== "totp")) {
      setError(mode === "totp" ? "Enter the 6-digit code from your authenticator app." : "Enter one of your recovery codes, like abcde-fghij.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { redirectTo } = await trpcClient.twoFactor.verifySignIn.mutate({ code, next });
      window.location.assign(redirectTo);
    } catch (cause) {
      const { message, fieldErrors } = describeClientError(cause);
      setExpired(failedCallStatus(cause) === 401);
      setError(fieldErrors?.code?.[0] ?? message);
      setPending(false);
    }
  }

  function switchMode() {
    setMode(mode === "totp" ? "recovery" : "totp");
    setCode("");
    setError(null);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <OneTimeCodeField key={mode} id="two-factor-code" value={code} onChange={setCode} error={error} accepts={mode} autoFocus disabled={pending} />
      {expired ? (
        <p className="text-sm">
          <a href={`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`} className="font-medium text-primary underline underline-offset-4">
            Sign in again
          </a>
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Verify and continue"}
      </Button>
      <Button type="button" variant="ghost" size="sm" onClick={switchMode} className="self-start" aria-controls="two-factor-code">
        {mode === "totp" ? "Use a recovery code" : "Use your authenticator app"}
      </Button>
      <p className="text-sm text-muted-foreground">
        {mode === "totp"
          ? "Open your authenticator app and enter the 6-digit code shown for Groundwork."
          : "Each recovery code works once. After signing in, you can make new ones on the security page."}
      </p>
    </form>
  );
}
