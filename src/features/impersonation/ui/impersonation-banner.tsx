"use client";
import { useEffect, useState } from "react";
import type { z } from "zod";
import { create } from "zustand";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { FormDialog } from "@/components/ui/form-dialog";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";
import { describeClientError } from "@/trpc/errors";
import { fullTrpcClient as trpcClient } from "@/trpc/vanilla-full";
// zod is fine here: this module loads on demand, only while impersonating (impersonation-banner-lazy.tsx).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { enableWriteModeInput, type ImpersonationStatus } from "../schemas";

/** The banner's UI state: which dialog is open, and the status as last confirmed by the server. */
const useBanner = create<{ dialog: "extend" | "write" | null; status: ImpersonationStatus | null }>(() => ({ dialog: null, status: null }));

function useSecondsLeft(expiresAt: Date): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000));
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/**
 * On every page while staff impersonate: whose account, time left (live), the mode, Stop. The
 * root layout has no tRPC provider (public pages' budget), so it calls the plain client.
 */
export function ImpersonationBanner({ initial }: { initial: ImpersonationStatus }) {
  const stored = useBanner((s) => s.status);
  const status = stored && stored.user.id === initial.user.id ? stored : initial;
  const secondsLeft = useSecondsLeft(status.expiresAt);
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The banner is its own lazy chunk: until it has hydrated, its buttons are the server's HTML,
  // and a click on them would do nothing. Disabled until then, they can't swallow one.
  const hydrated = useHydrated();

  async function stop() {
    setStopping(true);
    setError(null);
    try {
      const { redirectTo } = await trpcClient.impersonation.stop.mutate();
      window.location.assign(redirectTo);
    } catch (err) {
      setStopping(false);
      setError(describeClientError(err).message);
    }
  }

  const ended = secondsLeft === 0;
  return (
    <div role="region" aria-label="Impersonation" data-testid="impersonation-banner" className={`sticky top-0 z-40 border-b px-4 py-2 text-sm ${status.mode === "write" ? "border-red-700 bg-red-600 text-white" : "border-amber-600 bg-amber-400 text-black"}`}>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
        <p className="flex-1">
          <strong>
            You are viewing {status.user.displayName}&apos;s account ({status.user.email})
          </strong>{" "}
          as support ({status.impersonator.displayName}) ·{" "}
          <span data-testid="impersonation-mode">{status.mode === "write" ? "Write mode: changes are real" : "Read-only"}</span> ·{" "}
          {ended ? (
            <span>Ended — the session expired</span>
          ) : (
            <span>
              <span data-testid="impersonation-time-left" aria-live="off">
                {clock(secondsLeft)}
              </span>{" "}
              left
            </span>
          )}
        </p>
        {error ? <p role="alert">{error}</p> : null}
        {!ended && !status.extended ? (
          <Button size="sm" variant="outline" disabled={!hydrated} onClick={() => useBanner.setState({ dialog: "extend" })}>
            Extend 15 min
          </Button>
        ) : null}
        {!ended && status.mode === "read" ? (
          <Button size="sm" variant="outline" disabled={!hydrated} onClick={() => useBanner.setState({ dialog: "write" })}>
            Switch to write mode
          </Button>
        ) : null}
        <Button size="sm" onClick={stop} disabled={stopping || !hydrated}>
          {stopping ? "Stopping…" : "Stop impersonating"}
        </Button>
      </div>
      <ReasonDialog status={status} />
    </div>
  );
}

const COPY = {
  extend: {
    title: "Extend impersonation by 15 minutes",
    description: "You can extend once. Say why you need longer; it is recorded in the staff audit log.",
    submit: "Extend",
  },
  write: {
    title: "Switch to write mode",
    description: "Changes you make will be real and made as this user. Give a reason of its own: it is recorded and shown in the user's security log. Password, email, two-factor, key secrets, payment details, deletion and invites stay refused.",
    submit: "Yes, allow changes",
  },
} as const;

function ReasonDialog({ status }: { status: ImpersonationStatus }) {
  const dialog = useBanner((s) => s.dialog);
  return (
    <FormDialog open={dialog !== null} onOpenChange={(open) => (open ? undefined : useBanner.setState({ dialog: null }))} title={dialog ? COPY[dialog].title : ""} description={dialog ? COPY[dialog].description : undefined}>
      {dialog ? <ReasonForm key={dialog} kind={dialog} status={status} /> : null}
    </FormDialog>
  );
}

function ReasonForm({ kind, status }: { kind: "extend" | "write"; status: ImpersonationStatus }) {
  const needsPassword = !status.adminMode.active;
  // Only the fields shown are validated: the password (and code) only once admin mode has lapsed.
  const schema = needsPassword
    ? status.adminMode.needsCode
      ? enableWriteModeInput.required()
      : enableWriteModeInput.pick({ reason: true, password: true }).required()
    : enableWriteModeInput.pick({ reason: true });
  const form = useForm("impersonation-reason-form", schema as z.ZodType<z.output<typeof enableWriteModeInput>>, { reason: "", password: "", code: "" });
  const submit = form.onSubmit(async (input) => {
    if (kind === "extend") {
      const { expiresAt } = await trpcClient.impersonation.extend.mutate(input);
      useBanner.setState({ dialog: null, status: { ...status, expiresAt, extended: true, adminMode: { ...status.adminMode, active: true } } });
    } else {
      await trpcClient.impersonation.enableWrite.mutate(input);
      useBanner.setState({ dialog: null, status: { ...status, mode: "write", adminMode: { ...status.adminMode, active: true } } });
    }
  });
  return (
    <form id="impersonation-reason-form" onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextField id="impersonation-reason" label="Reason" autoComplete="off" autoFocus {...form.field("reason")} />
      {needsPassword ? (
        <>
          <TextField id="impersonation-password" label="Your password" type="password" autoComplete="current-password" hint="Admin mode has lapsed: confirm it's you." {...form.field("password")} />
          {status.adminMode.needsCode ? <TextField id="impersonation-code" label="Two-factor code" autoComplete="one-time-code" {...form.field("code")} /> : null}
        </>
      ) : null}
      <FormAlert>{form.formError}</FormAlert>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => useBanner.setState({ dialog: null })}>
          Cancel
        </Button>
        <Button type="submit" variant={kind === "write" ? "destructive" : undefined} disabled={form.pending}>
          {form.pending ? "Saving…" : COPY[kind].submit}
        </Button>
      </div>
    </form>
  );
}
