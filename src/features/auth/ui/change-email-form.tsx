"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { useTRPC } from "@/trpc/client";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const trpc = useTRPC();
  const form = useForm("change-email-form", null, { newEmail: "", password: "" });
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const request = useMutation(trpc.auth.requestEmailChange.mutationOptions({ meta: { toast: false } }));
  const submit = form.onSubmit(async (data) => {
    const result = await request.mutateAsync(data);
    form.setValues({ newEmail: "", password: "" });
    setPendingEmail(result.newEmail);
    toast({ title: "Check your new inbox", description: `We sent a confirmation link to ${result.newEmail}.`, variant: "success" });
  });
  return (
    <form id="change-email-form" onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4" aria-label="Change email">
      <FormAlert tone="success">
        {pendingEmail ? `Open the link we sent to ${pendingEmail} to finish. Until then you keep using ${currentEmail}.` : null}
      </FormAlert>
      <FormAlert>{form.formError}</FormAlert>
      <TextField id="new-email" label="New email" type="email" autoComplete="email" {...form.field("newEmail")} />
      <TextField id="email-change-password" label="Password" type="password" autoComplete="current-password" hint="To confirm it's you." {...form.field("password")} />
      <Button type="submit" disabled={form.pending} className="self-start">
        {form.pending ? "Sending link…" : "Send confirmation link"}
      </Button>
    </form>
  );
}
