"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { PING_PAGE_SIZE } from "../constants";
import type { Ping } from "../schemas";

const OPTIMISTIC_PREFIX = "optimistic-";

export const isOptimisticPing = (ping: Ping) => ping.id.startsWith(OPTIMISTIC_PREFIX);

/**
 * Records a ping optimistically: it appears at the top of the list at once and is
 * replaced by the server's row on success, or removed again (with a toast) on failure.
 */
export function useRecordPing(opts: { onFailure: (label: string, fieldError: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.observability.listPings.infiniteQueryKey({ limit: PING_PAGE_SIZE });

  return useMutation(
    trpc.observability.recordPing.mutationOptions({
      meta: { toast: false },
      onMutate: async ({ label }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        const optimistic: Ping = { id: `${OPTIMISTIC_PREFIX}${crypto.randomUUID()}`, label: label.trim(), createdAt: new Date() };
        queryClient.setQueryData(listKey, (old) =>
          old ? { ...old, pages: old.pages.map((page, i) => (i === 0 ? { ...page, items: [optimistic, ...page.items] } : page)) } : old,
        );
        return { previous };
      },
      onError: (error, { label }, context) => {
        queryClient.setQueryData(listKey, context?.previous);
        const { fieldErrors, toast: message } = describeFormError(error, ["label"]);
        opts.onFailure(label, fieldErrors.label ?? null);
        if (message) toast({ title: "Ping not recorded", description: `${message} Your label is back in the box, so you can try again.`, variant: "error" });
      },
      onSuccess: (ping) => toast({ title: "Ping recorded", description: `“${ping.label}” is in the database.`, variant: "success" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.observability.listPings.pathKey() }),
    }),
  );
}
