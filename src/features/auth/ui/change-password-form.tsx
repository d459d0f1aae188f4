"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { useTRPC } from "@/trpc/client";
import { PASSWORD_MIN } from "../limits";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const form = useForm("change-password-form", null, { currentPassword: "", newPassword: "" });
  const change = useMutation(trpc.auth.changePassword.mutationOptions({ meta: { toast: false } }));
  const submit = form.onSubmit(async (data) => {
    const result = await change.mutateAsync(data);
    form.setValues({ currentPassword: "", newPassword: "" });
    const others = result.otherSessionsSignedOut;
    toast({
      title: "Password changed",
      description: others > 0 ? `You stay signed in here; ${others} other session${others === 1 ? " was" : "s were"} signed out.` : "You stay signed in here.",
      variant: "success",
    });
  });
  return (
    <form id="change-password-form" onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4" aria-label="Change password">
      <FormAlert>{form.formError}</FormAlert>
      {/* Lets password managers attach the new password to the right account. */}
      <input type="text" name="username" autoComplete="username" hidden readOnly />
      <TextField id="current-password" label="Current password" type="password" autoComplete="current-password" {...form.field("currentPassword")} />
      <TextField
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. Your other devices will be signed out.`}
        {...form.field("newPassword")}
      />
      <Button type="submit" disabled={form.pending} className="self-start">
        {form.pending ? "Changing password…" : "Change password"}
      </Button>
    </form>
  );
}
