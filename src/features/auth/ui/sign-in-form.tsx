"use client";
import { Button } from "@/components/ui/button";
import { trpcClient } from "@/trpc/vanilla";
import { ACCOUNT_LOCKED_MESSAGE } from "../limits";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { TextLink } from "@/components/ui/text-link";
import { useForm } from "@/trpc/use-form";

export function SignInForm({ next }: { next: string | null }) {
  const form = useForm("sign-in-form", null, { email: "", password: "" });
  const submit = form.onSubmit(async (data) => {
    const result = await trpcClient.auth.signIn.mutate({ ...data, next });
    const target = result.kind === "signed_in" ? result.redirectTo : `/sign-in/two-factor${next ? `?next=${encodeURIComponent(next)}` : ""}`;
    // A full navigation: the server layout must see the new cookie.
    window.location.assign(target);
    return true;
  });
  return (
    <form id="sign-in-form" onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      <FormAlert>
        {form.formError}
        {form.formError === ACCOUNT_LOCKED_MESSAGE ? (
          <>
            {" "}
            <TextLink href="/support" className="underline">
              Contact support
            </TextLink>
          </>
        ) : null}
      </FormAlert>
      <TextField id="sign-in-email" label="Email" type="email" autoComplete="email" autoFocus {...form.field("email")} />
      <TextField
        id="sign-in-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        {...form.field("password")}
        trailing={
          <a href="/forgot-password" className="text-sm text-primary underline-offset-4 hover:underline">
            Forgot password?
          </a>
        }
      />
      <Button type="submit" disabled={form.pending || !form.ready} aria-disabled={form.pending}>
        {form.pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
