import "server-only";
import { createTRPCOptionsProxy, type TRPCInfiniteQueryOptions, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import superjson from "superjson";
import { requestIdFrom } from "@/server/http/request-id";
import { createTrpcContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { makeQueryClient } from "./query-client";

/** One query client per server request, shared by every prefetch in that render. */
export const getQueryClient = cache(() => makeQueryClient({ codec: superjson }));

/** The request's tRPC context (session validated once per render, shared by every call). */
export const getServerContext = cache(async () => {
  const h = await headers();
  return createTrpcContext({ headers: h, requestId: requestIdFrom(h) });
});

/** The signed-in user for layouts and pages, or null. */
export async function getViewer() {
  return (await getServerContext()).viewer;
}

/**
 * The signed-in user, or a redirect to sign-in that comes back here. Every signed-in layout and
 * page calls it: Next renders a layout and its page concurrently, so the layout's redirect alone
 * doesn't stop the page from rendering (and failing) for a signed-out visitor.
 */
export async function requireViewer() {
  const viewer = await getViewer();
  if (!viewer) {
    // The proxy sets x-pathname (layouts and pages can't see the URL).
    const path = (await headers()).get("x-pathname") ?? "/app";
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  return viewer;
}

export const trpc = createTRPCOptionsProxy({ ctx: getServerContext, router: appRouter, queryClient: getQueryClient });

/** Starts a query on the server without awaiting it; the client picks up the streamed result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>> | ReturnType<TRPCInfiniteQueryOptions<any>>>(options: T) {
  const queryClient = getQueryClient();
  if ((options.queryKey[1] as { type?: string } | undefined)?.type === "infinite") {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    void queryClient.prefetchInfiniteQuery(options as any);
  } else {
    void queryClient.prefetchQuery(options as ReturnType<TRPCQueryOptions<never>>);
  }
}
