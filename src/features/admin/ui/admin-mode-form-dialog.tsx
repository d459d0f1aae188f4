"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import FormDialogContent from "@/components/ui/form-dialog-content";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useForm } from "@/trpc/use-form";
import { useTRPC } from "@/trpc/client";
import { closeAdminModeDialog } from "./admin-mode-store";

/** The admin-mode prompt itself, loaded on demand by `AdminModeDialog` (admin-mode-dialog.tsx). */
export default function AdminModeFormDialog({ open }: { open: boolean }) {
  return (
    <FormDialogContent
      open={open}
      onOpenChange={(next) => (next ? undefined : closeAdminModeDialog(false))}
      title="Enter admin mode"
      description="Staff changes need your password again (and your two-factor code, if you use one). Admin mode lasts 15 minutes on this device; reading never needs it."
    >
      {open ? <AdminModeForm /> : null}
    </FormDialogContent>
  );
}

function AdminModeForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.admin.adminMode.queryOptions());
  const needsCode = status.data?.needsCode ?? false;
  // Checked by the server (its field errors land on the fields): the client schema would refuse
  // the hidden, empty code field when two-factor is off and the click would silently do nothing.
  const form = useForm("admin-mode-form", null, { password: "", code: "" });
  const enter = useMutation(trpc.admin.enterAdminMode.mutationOptions({ meta: { toast: false } }));

  const submit = form.onSubmit(async (data) => {
    const result = await enter.mutateAsync({ password: data.password, code: needsCode ? data.code : undefined });
    queryClient.setQueryData(trpc.admin.adminMode.queryKey(), result);
    closeAdminModeDialog(true);
  });

  return (
    <form id="admin-mode-form" onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextField id="admin-mode-password" label="Your password" type="password" autoComplete="current-password" autoFocus {...form.field("password")} />
      {needsCode ? <TextField id="admin-mode-code" label="Two-factor code" autoComplete="one-time-code" hint="From your authenticator app, or a recovery code." {...form.field("code")} /> : null}
      <FormAlert>{form.formError}</FormAlert>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => closeAdminModeDialog(false)}>
          Cancel
        </Button>
        <Button type="submit" disabled={form.pending || status.isPending}>
          {form.pending ? "Checking…" : "Enter admin mode"}
        </Button>
      </div>
    </form>
  );
}
