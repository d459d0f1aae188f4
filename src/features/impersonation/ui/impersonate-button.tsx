"use client";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useTRPCClient } from "@/trpc/client";
import { useForm } from "@/trpc/use-form";
import { lengthError } from "@/lib/text-length";
import { STAFF_REASON } from "@/features/admin/constants";

/**
 * "Impersonate" on the admin user page: a reason, admin mode (the password prompt opens if it
 * lapsed), then the app as this user, read-only, for 15 minutes.
 */
type RunWithAdminMode = <T>(fn: () => Promise<T>) => Promise<T>;

function subscribeToHash(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** `withAdminMode` comes from the admin console that hosts the button (features don't share UI). */
export function ImpersonateButton({ userId, withAdminMode }: { userId: string; withAdminMode: RunWithAdminMode }) {
  // The support inbox's "Impersonate…" links to the user page's #impersonate (the user page wraps
  // this button in it): the page opens with this dialog, one step from the reason, until closed.
  const linkedHere = useSyncExternalStore(subscribeToHash, () => window.location.hash === "#impersonate", () => false);
  const [chosen, setOpen] = useState<boolean | null>(null);
  const open = chosen ?? linkedHere;
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        Impersonate
      </Button>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        title="Impersonate this user"
        description="You'll see the app as this user, read-only, for 15 minutes. They are emailed, and the reason appears in their security log."
      >
        {open ? <StartForm userId={userId} withAdminMode={withAdminMode} onCancel={() => setOpen(false)} /> : null}
      </FormDialog>
    </>
  );
}

function StartForm({ userId, withAdminMode, onCancel }: { userId: string; withAdminMode: RunWithAdminMode; onCancel: () => void }) {
  const client = useTRPCClient();
  const form = useForm("impersonate-form", ({ reason }) => ({ reason: lengthError(reason, STAFF_REASON) }), { reason: "" });
  const submit = form.onSubmit(async ({ reason }) => {
    const { redirectTo } = await withAdminMode(() => client.impersonation.start.mutate({ userId, reason }));
    // A full load: every layout, the banner included, renders as the impersonated user.
    window.location.assign(redirectTo);
    return true;
  });
  return (
    <form id="impersonate-form" onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextField id="impersonate-reason" label="Reason" autoComplete="off" autoFocus hint="For example the ticket you're working on." {...form.field("reason")} />
      <FormAlert>{form.formError}</FormAlert>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Starting…" : "Start impersonating"}
        </Button>
      </div>
    </form>
  );
}
