"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";

/** Workspace settings: "Allow support to access this workspace", optimistic with rollback. */
export function SupportAccessCard({ workspaceSlug }: { workspaceSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.impersonation.workspaceSupportAccess.queryKey({ workspaceSlug });
  const { data } = useSuspenseQuery(trpc.impersonation.workspaceSupportAccess.queryOptions({ workspaceSlug }));
  const set = useMutation(
    trpc.impersonation.setWorkspaceSupportAccess.mutationOptions({
      meta: { toast: false },
      onMutate: async ({ allow }) => {
        await queryClient.cancelQueries({ queryKey: key });
        const before = queryClient.getQueryData(key);
        queryClient.setQueryData(key, { allow });
        return { before };
      },
      onError: (error, _input, context) => {
        if (context?.before) queryClient.setQueryData(key, context.before);
        toast({ title: "Support access not changed", description: describeClientError(error).message, variant: "error" });
      },
      onSuccess: ({ allow }) =>
        toast({ title: allow ? "Support can access this workspace" : "Support access turned off", description: allow ? "Support staff can open it while helping a member." : "Support staff impersonating a member can no longer open it.", variant: "success" }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Support access</CardTitle>
        <CardDescription>When a member asks for help, support staff may view the app as them, read-only unless they record a reason to make a change. Every view is in that member&apos;s security log.</CardDescription>
      </CardHeader>
      <CardContent>
        <label className="flex items-center gap-3 text-sm">
          <input type="checkbox" className="size-4" checked={data.allow} onChange={(e) => set.mutate({ workspaceSlug, allow: e.target.checked })} />
          Allow support to access this workspace
        </label>
      </CardContent>
    </Card>
  );
}

export function SupportAccessSkeleton() {
  return (
    <LoadingRegion label="Loading support access">
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-4 w-72" />
        </CardHeader>
        <CardContent>
          <Skeleton className="h-5 w-64" />
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
