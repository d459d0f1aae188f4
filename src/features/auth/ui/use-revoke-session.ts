"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { plural } from "@/lib/plural";

/**
 * Both revocations remove rows from the list at once; on failure the list is put back and a
 * toast says what happened. Revoking the session in use signs this browser out.
 */
export function useRevokeSessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.sessions.list.queryKey();

  async function removeOptimistically(keep: (session: { id: string; current: boolean }) => boolean) {
    await queryClient.cancelQueries({ queryKey: listKey });
    const previous = queryClient.getQueryData(listKey);
    queryClient.setQueryData(listKey, (old) => old?.filter(keep));
    return { previous };
  }

  const revoke = useMutation(
    trpc.sessions.revoke.mutationOptions({
      meta: { toast: false },
      onMutate: ({ id }) => removeOptimistically((s) => s.id !== id),
      onError: (error, _input, context) => {
        queryClient.setQueryData(listKey, context?.previous);
        toast({ title: "Session not signed out", description: `${describeClientError(error).message} It is back in the list; try again.`, variant: "error" });
      },
      onSuccess: ({ signedOut }) => {
        // A full load: the cookie is gone, and no cached data of this account should survive.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        if (signedOut) window.location.assign("/sign-in");
        else toast({ title: "Session signed out", description: "That device has to sign in again.", variant: "success" });
      },
      onSettled: (result) => (result?.signedOut ? undefined : queryClient.invalidateQueries({ queryKey: listKey })),
    }),
  );

  const revokeOthers = useMutation(
    trpc.sessions.revokeOthers.mutationOptions({
      meta: { toast: false },
      onMutate: () => removeOptimistically((s) => s.current),
      onError: (error, _input, context) => {
        queryClient.setQueryData(listKey, context?.previous);
        toast({ title: "Other sessions not signed out", description: `${describeClientError(error).message} Nothing changed; try again.`, variant: "error" });
      },
      onSuccess: ({ count }) =>
        toast({
          title: count === 0 ? "No other sessions" : `Signed out ${plural(count, "other session")}`,
          description: count === 0 ? "This was the only device signed in." : "Those devices have to sign in again.",
          variant: "success",
        }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  return { revoke, revokeOthers };
}
