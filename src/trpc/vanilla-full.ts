"use client";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { recordingFetch } from "@/lib/recent-requests";
import type { AppRouter } from "@/server/trpc/root";

/**
 * tRPC's own client without TanStack Query, for calls whose output carries what JSON can't
 * (the impersonation banner's dates; it loads on demand). Everything else outside the React
 * provider uses the smaller trpc/vanilla.ts.
 */
export const fullTrpcClient = createTRPCClient<AppRouter>({ links: [httpLink({ url: "/api/trpc", transformer: superjson, fetch: recordingFetch })] });
