"use client";
import ConfirmDialogContent from "@/components/ui/confirm-dialog-content";
import type { ApiKeyDto } from "../schemas";
import { useRevokeKey } from "./use-api-key-mutations";

/** Confirms a revoke, which shows at once (see `useRevokeKey`). Loaded on demand (`loadOnOpen`); `open` is `apiKey !== null`. */
export default function RevokeKeyDialog({ open, workspaceSlug, apiKey, onClose }: { open: boolean; workspaceSlug: string; apiKey: ApiKeyDto | null; onClose: () => void }) {
  const revoke = useRevokeKey(workspaceSlug);
  return (
    <ConfirmDialogContent
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Revoke “${apiKey?.name ?? ""}”?`}
      description={<p>Every request with {apiKey?.start}… is refused from now on. This can&apos;t be undone; integrations using it need a new key.</p>}
      confirmLabel="Revoke key"
      onConfirm={() => {
        if (apiKey) revoke.mutate({ workspaceSlug, keyId: apiKey.id });
        onClose();
      }}
    />
  );
}
