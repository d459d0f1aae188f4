"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { describeClientError } from "@/trpc/errors";
import { trpcClient } from "@/trpc/vanilla";
import type { TokenFailure } from "../schemas";
import { FormAlert } from "@/components/ui/text-field";
import { TOKEN_FAILURE_TEXT } from "./token-failure-text";

type Outcome = { kind: "done"; message: string } | { kind: "failed"; message: string } | null;

/**
 * Emailed links act on a button press, not on page load: mail scanners that open links
 * must not use up (or confirm) a token on the reader's behalf.
 */
export function TokenAction({ token, purpose }: { token: string; purpose: "verify" | "changeEmail" }) {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const failure = (reason: TokenFailure) => setOutcome({ kind: "failed", message: TOKEN_FAILURE_TEXT[purpose][reason] });

  async function run() {
    setPending(true);
    try {
      if (purpose === "verify") {
        const result = await trpcClient.auth.verifyEmail.mutate({ token });
        if (result.kind === "verified") setOutcome({ kind: "done", message: `${result.email} is verified. Thank you!` });
        else failure(result.reason);
      } else {
        const result = await trpcClient.auth.confirmEmailChange.mutate({ token });
        if (result.kind === "changed") setOutcome({ kind: "done", message: `Your account now uses ${result.email}. Sign in with it from now on.` });
        else if (result.kind === "email_taken") setOutcome({ kind: "failed", message: `${result.email} is now used by another account, so the change couldn't be made.` });
        else failure(result.reason);
      }
    } catch (error) {
      setOutcome({ kind: "failed", message: describeClientError(error).message });
    } finally {
      setPending(false);
    }
  }

  if (outcome?.kind === "done") {
    return (
      <div className="flex flex-col gap-4" data-testid="token-outcome" data-outcome="done">
        <FormAlert tone="success">{outcome.message}</FormAlert>
        <ButtonLink href="/app">Continue to Groundwork</ButtonLink>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4" data-testid="token-outcome" data-outcome={outcome?.kind ?? "idle"}>
      <FormAlert>{outcome?.message}</FormAlert>
      {outcome?.kind === "failed" ? (
        <ButtonLink href="/sign-in" variant="outline">
          Go to sign in
        </ButtonLink>
      ) : (
        <Button onClick={() => void run()} disabled={pending}>
          {pending ? "Confirming…" : purpose === "verify" ? "Verify my email address" : "Confirm new email address"}
        </Button>
      )}
    </div>
  );
}
