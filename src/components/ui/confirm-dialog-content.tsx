"use client";
import { AlertDialog } from "radix-ui";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button-classes";

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** Extra content (a confirmation field) between the description and the buttons. */
  children?: ReactNode;
  confirmDisabled?: boolean;
  pending?: boolean;
};

/** The dialog itself (Radix), loaded the first time it opens (see confirm-dialog.tsx). */
export default function ConfirmDialogContent({ open, onOpenChange, title, description, confirmLabel, onConfirm, children, confirmDisabled, pending }: ConfirmDialogProps) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 flex w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 flex-col gap-4 rounded-xl border border-border bg-card p-6 text-foreground shadow-lg">
          <AlertDialog.Title className="text-lg font-semibold tracking-tight">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="text-sm text-muted-foreground">{description}</div>
          </AlertDialog.Description>
          {children}
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses("outline")}>Cancel</AlertDialog.Cancel>
            <button
              type="button"
              className={buttonClasses("destructive")}
              disabled={confirmDisabled || pending}
              onClick={onConfirm}
            >
              {pending ? "Working…" : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
