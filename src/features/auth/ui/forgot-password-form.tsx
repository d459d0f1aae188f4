"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { trpcClient } from "@/trpc/vanilla";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";

export function ForgotPasswordForm() {
  const form = useForm("forgot-password-form", null, { email: "" });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = form.onSubmit(async (data) => {
    await trpcClient.auth.requestPasswordReset.mutate(data);
    setSentTo(data.email);
  });
  return (
    <form id="forgot-password-form" onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Reset password">
      <FormAlert tone="success">
        {sentTo ? `If ${sentTo} has an account, a reset link is on its way. It works for 1 hour.` : null}
      </FormAlert>
      <FormAlert>{form.formError}</FormAlert>
      <TextField id="forgot-email" label="Email" type="email" autoComplete="email" autoFocus {...form.field("email")} />
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Sending…" : sentTo ? "Send again" : "Send reset link"}
      </Button>
    </form>
  );
}
