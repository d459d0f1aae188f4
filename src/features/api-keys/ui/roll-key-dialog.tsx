"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { ROLL_GRACE_SECONDS } from "../constants";
import type { ApiKeyDto } from "../schemas";
import FormDialogContent from "@/components/ui/form-dialog-content";
import { SecretReveal } from "./secret-reveal";
import { useKeysRefresh } from "./use-api-key-mutations";

const GRACE_LABEL: Record<(typeof ROLL_GRACE_SECONDS)[number], string> = { 0: "Stop at once", 3600: "1 hour", 86_400: "24 hours", 604_800: "7 days" };

/** A new secret for the key; the old one keeps working for the chosen grace period. Loaded on demand (`loadOnOpen`); `open` is `apiKey !== null`. */
export default function RollKeyDialog({ open, workspaceSlug, apiKey, onClose }: { open: boolean; workspaceSlug: string; apiKey: ApiKeyDto | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useKeysRefresh();
  const [grace, setGrace] = useState<(typeof ROLL_GRACE_SECONDS)[number]>(86_400);
  const [secret, setSecret] = useState<string | null>(null);
  const roll = useMutation(trpc.apiKeys.roll.mutationOptions({ meta: { toast: false }, onSuccess: (data) => (setSecret(data.secret), void refresh()) }));
  const close = () => {
    setSecret(null);
    roll.reset();
    onClose();
  };
  return (
    <FormDialogContent open={open} onOpenChange={(next) => !next && close()} title={secret ? "The rolled key" : `Roll “${apiKey?.name ?? ""}”`} description={secret ? undefined : "You get a new secret for the same key (same scopes, limits and usage history)."}>
      {secret ? (
        <SecretReveal secret={secret} note={grace > 0 ? `The old secret keeps working for ${GRACE_LABEL[grace]}.` : "The old secret no longer works."} onDone={close} />
      ) : (
        <div className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <Label htmlFor="roll-grace">Keep the old secret working for</Label>
            <Select id="roll-grace" value={grace} onChange={(e) => setGrace(Number(e.target.value) as typeof grace)}>
              {ROLL_GRACE_SECONDS.map((s) => (
                <option key={s} value={s}>{GRACE_LABEL[s]}</option>
              ))}
            </Select>
          </div>
          {roll.error ? <p className="text-sm text-destructive" role="alert">{describeClientError(roll.error).message}</p> : null}
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={close}>Cancel</Button>
            <Button disabled={roll.isPending} onClick={() => apiKey && roll.mutate({ workspaceSlug, keyId: apiKey.id, graceSeconds: grace })}>
              {roll.isPending ? "Rolling…" : "Roll key"}
            </Button>
          </div>
        </div>
      )}
    </FormDialogContent>
  );
}
