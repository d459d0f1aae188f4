"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { classifySecondFactorCode, SECOND_FACTOR_FORMAT_MESSAGE } from "../second-factor-code";
import { OneTimeCodeField } from "./one-time-code-field";

type Errors = { password?: string; code?: string };

function errorsFrom(cause: unknown): Errors | null {
  const { message, fieldErrors } = describeClientError(cause);
  if (fieldErrors?.password || fieldErrors?.code) return { password: fieldErrors.password?.[0], code: fieldErrors.code?.[0] };
  toast({ title: "That didn't work", description: message, variant: "error" });
  return null;
}

export function RegenerateRecoveryCodesForm({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const regenerate = useMutation(
    trpc.twoFactor.regenerateRecoveryCodes.mutationOptions({
      meta: { toast: false },
      onSuccess: ({ recoveryCodes }) => {
        queryClient.setQueryData(trpc.twoFactor.status.queryKey(), { enabled: true, recoveryCodesRemaining: recoveryCodes.length });
        onCodes(recoveryCodes);
      },
      onError: (cause) => setErrors(errorsFrom(cause) ?? {}),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!classifySecondFactorCode(code)) return setErrors({ code: SECOND_FACTOR_FORMAT_MESSAGE });
    setErrors({});
    regenerate.mutate({ code });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">Makes 10 new codes; the old ones stop working at once.</p>
      <OneTimeCodeField id="regenerate-code" value={code} onChange={setCode} error={errors.code ?? null} accepts="any" disabled={regenerate.isPending} />
      <Button type="submit" variant="outline" className="self-start" disabled={regenerate.isPending}>
        {regenerate.isPending ? "Generating…" : "Generate new recovery codes"}
      </Button>
    </form>
  );
}

export function DisableTwoFactorForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const disable = useMutation(
    trpc.twoFactor.disable.mutationOptions({
      meta: { toast: false },
      onSuccess: (status) => {
        queryClient.setQueryData(trpc.twoFactor.status.queryKey(), status);
        toast({ title: "Two-factor authentication is off", description: "Signing in now needs only your password.", variant: "success" });
      },
      onError: (cause) => setErrors(errorsFrom(cause) ?? {}),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (!password) next.password = "Enter your password";
    if (!classifySecondFactorCode(code)) next.code = SECOND_FACTOR_FORMAT_MESSAGE;
    setErrors(next);
    if (next.password || next.code) return;
    disable.mutate({ password, code });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">Needs your password and a code, so someone at your unlocked computer can&apos;t do it.</p>
      <div className="flex flex-col gap-2">
        <Label htmlFor="disable-password">Current password</Label>
        <Input
          id="disable-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          disabled={disable.isPending}
          className="max-w-sm"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "disable-password-error" : undefined}
        />
        <FieldError id="disable-password-error">{errors.password}</FieldError>
      </div>
      <OneTimeCodeField id="disable-code" value={code} onChange={setCode} error={errors.code ?? null} accepts="any" disabled={disable.isPending} />
      <Button type="submit" variant="destructive" className="self-start" disabled={disable.isPending}>
        {disable.isPending ? "Turning off…" : "Turn off two-factor authentication"}
      </Button>
    </form>
  );
}
