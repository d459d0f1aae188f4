"use client";
import { Button } from "@/components/ui/button";
import { trpcClient } from "@/trpc/vanilla";
import { PASSWORD_MIN } from "../limits";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";

/**
 * `next`: where to continue after sign-up (an invite link, say), already checked to be on this
 * site. `email`: the invited address, filled in (still editable).
 */
export function SignUpForm({ next, email = "" }: { next: string | null; email?: string }) {
  const form = useForm("create-account-form", null, { displayName: "", email, password: "" });
  const submit = form.onSubmit(async (data) => {
    const result = await trpcClient.auth.signUp.mutate({ ...data, next });
    window.location.assign(result.redirectTo);
    return true;
  });
  return (
    <form id="create-account-form" onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Create account">
      <FormAlert>{form.formError}</FormAlert>
      <TextField id="sign-up-name" label="Display name" autoComplete="name" autoFocus {...form.field("displayName")} />
      <TextField id="sign-up-email" label="Email" type="email" autoComplete="email" {...form.field("email")} />
      <TextField
        id="sign-up-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong, memorable password.`}
        {...form.field("password")}
      />
      <Button type="submit" disabled={form.pending || !form.ready}>
        {form.pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
