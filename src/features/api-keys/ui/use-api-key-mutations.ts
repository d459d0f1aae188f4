"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { z } from "zod";
import { API_KEY_PAGE_SIZE } from "../constants";
import type { ApiKeyDto, listApiKeysOutput } from "../schemas";

/** The keys list of one workspace, with optimistic edits that roll back. */
function useKeysCache(workspaceSlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.apiKeys.list.queryKey({ workspaceSlug, limit: API_KEY_PAGE_SIZE });
  return {
    async apply(update: (items: ApiKeyDto[]) => ApiKeyDto[]) {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      queryClient.setQueryData(key, (old) => (old ? { ...old, items: update(old.items) } : old));
      return { previous };
    },
    rollback: (context: { previous?: z.infer<typeof listApiKeysOutput> } | undefined) => queryClient.setQueryData(key, context?.previous),
    settle: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.pathKey() }),
  };
}

/** Revoke shows at once; if the server refuses, the key comes back as it was, with a toast. */
export function useRevokeKey(workspaceSlug: string) {
  const trpc = useTRPC();
  const cache = useKeysCache(workspaceSlug);
  return useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      meta: { toast: false },
      onMutate: ({ keyId }) => cache.apply((items) => items.map((k) => (k.id === keyId ? { ...k, status: "revoked", revokedAt: new Date(), previousExpiresAt: null } : k))),
      onError: (error, _vars, context) => {
        cache.rollback(context);
        toast({ title: "Key not revoked", description: `${describeClientError(error).message} The key still works; try again.`, variant: "error" });
      },
      onSuccess: () => toast({ title: "Key revoked", description: "Requests with it are refused from now on, on every server.", variant: "success" }),
      onSettled: () => cache.settle(),
    }),
  );
}

export function useKeysRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.pathKey() });
}
