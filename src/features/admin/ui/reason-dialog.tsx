"use client";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";
import { lengthError } from "@/lib/text-length";
import { STAFF_REASON } from "../constants";

type ReasonDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  confirmLabel: string;
  destructive?: boolean;
  /** Asks to type this (the account's address) before a permanent action. */
  confirmText?: string;
  onSubmit: (values: { reason: string; confirm: string }) => Promise<unknown>;
};


/** Every staff action asks why; the reason is shown to the user in their security log. */
export function ReasonDialog(props: ReasonDialogProps) {
  return (
    <FormDialog open={props.open} onOpenChange={props.onOpenChange} title={props.title} description={props.description}>
      {props.open ? <ReasonForm {...props} /> : null}
    </FormDialog>
  );
}

function ReasonForm({ onOpenChange, confirmLabel, destructive, confirmText, onSubmit }: ReasonDialogProps) {
  const form = useForm(
    "reason-form",
    ({ reason, confirm }) => ({ reason: lengthError(reason, STAFF_REASON), confirm: confirmText && !confirm.trim() ? "Type the address to confirm" : undefined }),
    { reason: "", confirm: "" },
  );
  const submit = form.onSubmit(async (values) => {
    await onSubmit(values);
    onOpenChange(false);
  });
  return (
    <form id="reason-form" onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField id="action-reason" label="Reason" autoComplete="off" autoFocus hint="Recorded in the staff audit log and shown to the user." {...form.field("reason")} />
      {confirmText ? <TextField id="action-confirm" label={`Type ${confirmText} to confirm`} autoComplete="off" {...form.field("confirm")} /> : null}
      <FormAlert>{form.formError}</FormAlert>
      <div className="flex justify-end gap-2">
        <Button variant="outline" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button type="submit" variant={destructive ? "destructive" : "primary"} disabled={form.pending}>
          {form.pending ? "Working…" : confirmLabel}
        </Button>
      </div>
    </form>
  );
}
