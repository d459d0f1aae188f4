"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { BillingOverview } from "../schemas";

/** The overview in the cache, patched optimistically and put back when the server refuses. */
function useOverviewCache(workspaceSlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.billing.overview.queryKey({ workspaceSlug });
  return {
    async apply(update: (o: BillingOverview) => BillingOverview) {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      queryClient.setQueryData(key, (old) => (old ? update(old) : old));
      return { previous };
    },
    rollback: (context: { previous?: BillingOverview } | undefined) => queryClient.setQueryData(key, context?.previous),
    settle: () => Promise.all([queryClient.invalidateQueries({ queryKey: key }), queryClient.invalidateQueries({ queryKey: trpc.billing.invoices.queryKey({ workspaceSlug }) })]),
  };
}

const withSub = (o: BillingOverview, patch: Partial<NonNullable<BillingOverview["subscription"]>>): BillingOverview => (o.subscription ? { ...o, subscription: { ...o.subscription, ...patch } } : o);

export function useCancelResume(workspaceSlug: string) {
  const trpc = useTRPC();
  const cache = useOverviewCache(workspaceSlug);
  const options = (cancel: boolean) => ({
    meta: { toast: false },
    onMutate: () => cache.apply((o) => withSub(o, { cancelAtPeriodEnd: cancel })),
    onError: (error: unknown, _v: unknown, context: { previous?: BillingOverview } | undefined) => {
      cache.rollback(context);
      toast({ title: cancel ? "Not canceled" : "Not resumed", description: `${describeClientError(error).message}`, variant: "error" });
    },
    onSuccess: () =>
      toast({ title: cancel ? "Subscription will end" : "Subscription resumed", description: cancel ? "You keep the plan until the end of the paid period. Resume any time before then." : "It renews as usual.", variant: "success" }),
    onSettled: () => cache.settle(),
  });
  return { cancel: useMutation(trpc.billing.cancel.mutationOptions(options(true))), resume: useMutation(trpc.billing.resume.mutationOptions(options(false))) };
}

export function useChangeSubscription(workspaceSlug: string, onDone: () => void) {
  const trpc = useTRPC();
  const cache = useOverviewCache(workspaceSlug);
  return useMutation(
    trpc.billing.changeSubscription.mutationOptions({
      meta: { toast: false },
      onMutate: (input) => cache.apply((o) => ({ ...withSub(o, { plan: input.plan, interval: input.interval, seats: input.seats ?? 1 }), plan: input.plan })),
      onError: (error, _v, context) => {
        cache.rollback(context);
        toast({ title: "Plan not changed", description: describeClientError(error).message, variant: "error" });
      },
      onSuccess: (result) => {
        onDone();
        if (result.kind === "applied") toast({ title: "Plan changed", description: "The prorated amount was charged; the invoice is below.", variant: "success" });
      },
      onSettled: () => cache.settle(),
    }),
  );
}

export function useGoToGateway(workspaceSlug: string) {
  const trpc = useTRPC();
  const onError = (error: unknown) => toast({ title: "Couldn't open the payment page", description: describeClientError(error).message, variant: "error" });
  const go = ({ url }: { url: string }) => window.location.assign(url);
  return {
    checkout: useMutation(trpc.billing.startCheckout.mutationOptions({ meta: { toast: false }, onError, onSuccess: go })),
    portal: useMutation(trpc.billing.openPortal.mutationOptions({ meta: { toast: false }, onError, onSuccess: go })),
    slug: workspaceSlug,
  };
}
