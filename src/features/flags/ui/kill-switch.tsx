"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeFormError } from "@/trpc/errors";
import type { AdminWrite } from "@/lib/admin-mode";
import { useTRPC } from "@/trpc/client";
import type { FlagSummary } from "../schemas";
import { useFlagListCache } from "./use-flag-list-update";

/**
 * Pull (or release) the kill switch. Killing asks for a reason (it goes to the audit log and
 * the list); the list flips at once and flips back with a toast if the server refuses.
 */
export function KillSwitchButton({ flag, adminMutation }: { flag: FlagSummary; adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const cache = useFlagListCache();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const killed = flag.targeting?.killed ?? false;
  const mutation = useMutation(
    adminMutation(
      trpc.flags.setKillSwitch.mutationOptions({
        meta: { toast: false },
        onMutate: async (input) => {
          const previous = await cache.patch(input.key, (f) => ({
            ...f,
            targeting: { ...(f.targeting ?? { enabled: true, rules: [], rollout: null, fallthrough: f.default, killReason: null, killed: false }), killed: input.killed, killReason: input.reason ?? null },
          }));
          setOpen(false);
          return { previous };
        },
        onError: (err, input, context) => {
          cache.restore(context?.previous);
          const { fieldErrors, toast: message } = describeFormError(err, ["reason"]);
          if (fieldErrors.reason) {
            setError(fieldErrors.reason);
            setOpen(true);
          }
          if (message) toast({ title: input.killed ? "Kill switch not pulled" : "Kill switch not released", description: `${message} Nothing changed; try again.`, variant: "error" });
        },
        onSuccess: (_data, input) => {
          setReason("");
          toast({ title: input.killed ? `${input.key} killed` : `${input.key} released`, description: input.killed ? "Every open tab loses it within seconds." : "It serves its rules again.", variant: "success" });
        },
        onSettled: () => cache.settle(),
      }),
    ),
  );

  if (killed) {
    return (
      <Button variant="outline" size="sm" disabled={mutation.isPending} onClick={() => mutation.mutate({ key: flag.key, killed: false })} aria-label={`Release kill switch of ${flag.key}`}>
        Release kill switch
      </Button>
    );
  }
  return (
    <>
      <Button variant="destructive" size="sm" disabled={mutation.isPending} onClick={() => setOpen(true)} aria-label={`Kill ${flag.key}`}>
        Kill
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Kill ${flag.key}?`}
        description={`Everyone gets “${flag.kind === "boolean" ? "off" : JSON.stringify(flag.off)}” until the switch is released; rules are kept.`}
        confirmLabel="Kill it"
        confirmDisabled={reason.trim().length < 3}
        pending={mutation.isPending}
        onConfirm={() => {
          setError(null);
          mutation.mutate({ key: flag.key, killed: true, reason: reason.trim() });
        }}
      >
        <div className="flex flex-col gap-2">
          <Label htmlFor={`kill-reason-${flag.key}`}>Reason</Label>
          <Input id={`kill-reason-${flag.key}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="What broke? (goes to the audit log)" aria-invalid={error ? true : undefined} aria-describedby={`kill-reason-${flag.key}-error`} />
          <FieldError id={`kill-reason-${flag.key}-error`}>{error}</FieldError>
        </div>
      </ConfirmDialog>
    </>
  );
}
