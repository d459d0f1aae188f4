"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ApiKeyScope } from "@/lib/api-scopes";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { Select } from "@/components/ui/select";
import FormDialogContent from "@/components/ui/form-dialog-content";
import { ScopeFields } from "./scope-fields";
import { SecretReveal } from "./secret-reveal";
import { useKeysRefresh } from "./use-api-key-mutations";

const EXPIRY_DAYS = [
  { value: "", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

type Role = "owner" | "admin" | "member";

/** The create-key form, then the new secret; loaded on demand, its "Create key" button is the panel's. */
export default function CreateKeyDialog({ open, onOpenChange, workspaceSlug, role, defaultRateLimit }: { open: boolean; onOpenChange: (open: boolean) => void; workspaceSlug: string; role: Role; defaultRateLimit: number }) {
  const trpc = useTRPC();
  const refresh = useKeysRefresh();
  const [name, setName] = useState("");
  const [environment, setEnvironment] = useState<"live" | "test">("live");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["boards:read", "posts:read"]);
  const [expiryDays, setExpiryDays] = useState("");
  const [rateLimit, setRateLimit] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ meta: { toast: false }, onSuccess: (data) => (setSecret(data.secret), void refresh()) }));
  const problem = create.error ? describeClientError(create.error) : null;
  const fieldError = (field: string) => problem?.fieldErrors?.[field]?.[0];

  function reset(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setSecret(null);
      setName("");
      setScopes(["boards:read", "posts:read"]);
      setExpiryDays("");
      setRateLimit("");
      create.reset();
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      workspaceSlug,
      name,
      environment,
      scopes,
      expiresAt: expiryDays ? new Date(Date.now() + Number(expiryDays) * 86_400_000) : null,
      rateLimitPerMinute: rateLimit ? Number(rateLimit) : null,
    });
  }

  return (
    <FormDialogContent open={open} onOpenChange={reset} title={secret ? "Your new API key" : "Create an API key"} description={secret ? undefined : "The key acts as you: it can never do more than your role allows."}>
      {secret ? (
        <SecretReveal secret={secret} onDone={() => reset(false)} />
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <div className="flex flex-col gap-2">
            <Label htmlFor="key-name">Name</Label>
            <Input id="key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Zapier integration" maxLength={80} aria-invalid={!!fieldError("name")} aria-describedby="key-name-error" autoFocus />
            <FieldError id="key-name-error">{fieldError("name")}</FieldError>
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Environment</legend>
            <div className="flex gap-4 text-sm">
              {(["live", "test"] as const).map((env) => (
                <label key={env} className="flex items-center gap-2">
                  <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} className="accent-primary" />
                  <span>
                    {env === "live" ? "Live" : "Test"} <span className="font-mono text-muted-foreground">gw_{env}_…</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <ScopeFields value={scopes} onChange={setScopes} role={role} error={fieldError("scopes")} idPrefix="create" />
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <Label htmlFor="key-expiry">Expires</Label>
              <Select id="key-expiry" value={expiryDays} onChange={(e) => setExpiryDays(e.target.value)}>
                {EXPIRY_DAYS.map((o) => (
                  <option key={o.value} value={o.value}>{o.label}</option>
                ))}
              </Select>
              <FieldError id="key-expiry-error">{fieldError("expiresAt")}</FieldError>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="key-rate">Requests per minute</Label>
              <Input id="key-rate" inputMode="numeric" value={rateLimit} onChange={(e) => setRateLimit(e.target.value.replace(/\D/g, ""))} placeholder={`Plan default (${defaultRateLimit})`} aria-invalid={!!fieldError("rateLimitPerMinute")} aria-describedby="key-rate-error" />
              <FieldError id="key-rate-error">{fieldError("rateLimitPerMinute")}</FieldError>
            </div>
          </div>
          {problem && !problem.fieldErrors ? <p className="text-sm text-destructive" role="alert">{problem.message}</p> : null}
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => reset(false)}>Cancel</Button>
            <Button type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create key"}</Button>
          </div>
        </form>
      )}
    </FormDialogContent>
  );
}
