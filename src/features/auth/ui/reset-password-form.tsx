"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { trpcClient } from "@/trpc/vanilla";
import { PASSWORD_MIN } from "../limits";
import type { TokenFailure } from "../schemas";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { TextLink } from "@/components/ui/text-link";
import { TOKEN_FAILURE_TEXT } from "./token-failure-text";
import { useForm } from "@/trpc/use-form";

export function ResetPasswordForm({ token }: { token: string }) {
  const form = useForm("choose-a-new-password-form", null, { password: "" });
  const [failure, setFailure] = useState<TokenFailure | null>(null);
  const submit = form.onSubmit(async ({ password }) => {
    const result = await trpcClient.auth.resetPassword.mutate({ token, password });
    if (result.kind === "invalid_token") {
      setFailure(result.reason);
      return;
    }
    window.location.assign(result.kind === "signed_in" ? result.redirectTo : "/sign-in/two-factor");
    return true;
  });
  if (failure) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert>{TOKEN_FAILURE_TEXT.reset[failure]}</FormAlert>
        <TextLink href="/forgot-password" className="text-sm">
          Request a new reset link
        </TextLink>
      </div>
    );
  }
  return (
    <form id="choose-a-new-password-form" onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Choose a new password">
      <FormAlert>{form.formError}</FormAlert>
      <TextField
        id="reset-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        autoFocus
        hint={`At least ${PASSWORD_MIN} characters. You'll be signed out everywhere else.`}
        {...form.field("password")}
      />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
