"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import type { ApiKeyScope } from "@/lib/api-scopes";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { ApiKeyDto } from "../schemas";
import FormDialogContent from "@/components/ui/form-dialog-content";
import { ScopeFields } from "./scope-fields";
import { useKeysRefresh } from "./use-api-key-mutations";

type Role = "owner" | "admin" | "member";

/** Loaded on demand (`loadOnOpen`); `open` is `apiKey !== null`. */
export default function EditKeyDialog({ open, workspaceSlug, apiKey, role, onClose }: { open: boolean; workspaceSlug: string; apiKey: ApiKeyDto | null; role: Role; onClose: () => void }) {
  return (
    <FormDialogContent open={open} onOpenChange={(next) => !next && onClose()} title={`Edit “${apiKey?.name ?? ""}”`} description="Changes apply to the next request, on every server.">
      {apiKey ? <EditKeyForm key={apiKey.id} workspaceSlug={workspaceSlug} apiKey={apiKey} role={role} onClose={onClose} /> : null}
    </FormDialogContent>
  );
}

function EditKeyForm({ workspaceSlug, apiKey, role, onClose }: { workspaceSlug: string; apiKey: ApiKeyDto; role: Role; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useKeysRefresh();
  const [name, setName] = useState(apiKey.name);
  const [scopes, setScopes] = useState<ApiKeyScope[]>(apiKey.scopes);
  const [rateLimit, setRateLimit] = useState(apiKey.rateLimitPerMinute ? String(apiKey.rateLimitPerMinute) : "");
  const update = useMutation(
    trpc.apiKeys.update.mutationOptions({
      meta: { toast: false },
      onSuccess: () => {
        toast({ title: "Key updated", description: "The change applies to its next request.", variant: "success" });
        void refresh();
        onClose();
      },
    }),
  );
  const problem = update.error ? describeClientError(update.error) : null;
  const fieldError = (f: string) => problem?.fieldErrors?.[f]?.[0];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ workspaceSlug, keyId: apiKey.id, name, scopes, rateLimitPerMinute: rateLimit ? Number(rateLimit) : null });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="flex flex-col gap-2">
        <Label htmlFor="edit-name">Name</Label>
        <Input id="edit-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} aria-invalid={!!fieldError("name")} aria-describedby="edit-name-error" />
        <FieldError id="edit-name-error">{fieldError("name")}</FieldError>
      </div>
      <ScopeFields value={scopes} onChange={setScopes} role={role} error={fieldError("scopes")} idPrefix="edit" />
      <div className="flex flex-col gap-2">
        <Label htmlFor="edit-rate">Requests per minute</Label>
        <Input id="edit-rate" inputMode="numeric" value={rateLimit} onChange={(e) => setRateLimit(e.target.value.replace(/\D/g, ""))} placeholder="Plan default" aria-invalid={!!fieldError("rateLimitPerMinute")} aria-describedby="edit-rate-error" />
        <FieldError id="edit-rate-error">{fieldError("rateLimitPerMinute")}</FieldError>
      </div>
      {problem && !problem.fieldErrors ? <p className="text-sm text-destructive" role="alert">{problem.message}</p> : null}
      <div className="flex justify-end gap-2">
        <Button variant="outline" onClick={onClose}>Cancel</Button>
        <Button type="submit" disabled={update.isPending}>{update.isPending ? "Saving…" : "Save"}</Button>
      </div>
    </form>
  );
}
