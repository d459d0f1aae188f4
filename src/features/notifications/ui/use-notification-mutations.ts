"use client";
import { newClientMutationId } from "@/lib/client-mutation-id";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { NOTIFICATION_PAGE_SIZE } from "../constants";

/**
 * Mark one / all read, optimistically: the dot and the badge change at once and come back
 * (with a toast) if the server refuses. Other tabs hear `notification.read` and refetch.
 */
export function useNotificationMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.notifications.list.queryKey({ limit: NOTIFICATION_PAGE_SIZE });
  const countKey = trpc.notifications.unreadCount.queryKey();

  async function snapshot() {
    await Promise.all([queryClient.cancelQueries({ queryKey: listKey }), queryClient.cancelQueries({ queryKey: countKey })]);
    return { list: queryClient.getQueryData(listKey), count: queryClient.getQueryData(countKey) };
  }
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;
  const rollback = (context: Snapshot | undefined) => {
    queryClient.setQueryData(listKey, context?.list);
    queryClient.setQueryData(countKey, context?.count);
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: countKey });
  };

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      meta: { toast: false },
      onMutate: async ({ id }) => {
        const previous = await snapshot();
        const wasUnread = previous.list?.items.some((n) => n.id === id && n.readAt === null) ?? true;
        queryClient.setQueryData(listKey, (old) => (old ? { ...old, items: old.items.map((n) => (n.id === id ? { ...n, readAt: n.readAt ?? new Date() } : n)) } : old));
        if (wasUnread) queryClient.setQueryData(countKey, (old) => (old ? { count: Math.max(0, old.count - 1) } : old));
        return previous;
      },
      onError: (error, _input, context) => {
        rollback(context);
        toast({ title: "Couldn't mark that as read", description: `${describeClientError(error).message} It's still unread; try again.`, variant: "error" });
      },
      onSettled: refresh,
    }),
  );

  const markAllRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      meta: { toast: false },
      onMutate: async () => {
        const previous = await snapshot();
        const now = new Date();
        queryClient.setQueryData(listKey, (old) => (old ? { ...old, items: old.items.map((n) => ({ ...n, readAt: n.readAt ?? now })) } : old));
        queryClient.setQueryData(countKey, { count: 0 });
        return previous;
      },
      onError: (error, _input, context) => {
        rollback(context);
        toast({ title: "Couldn't mark all as read", description: `${describeClientError(error).message} Nothing changed; try again.`, variant: "error" });
      },
      onSettled: refresh,
    }),
  );

  return {
    // The ids let this tab skip the echo of its own change (it already shows it).
    markRead: (id: string) => markRead.mutate({ id, clientMutationId: newClientMutationId() }),
    markAllRead: () => markAllRead.mutate({ clientMutationId: newClientMutationId() }),
    markingAll: markAllRead.isPending,
  };
}
