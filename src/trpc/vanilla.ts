"use client";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { recordingFetch } from "@/lib/recent-requests";
import type { AppRouter } from "@/server/trpc/root";

/**
 * The same procedures without TanStack Query, for public pages (sign-in, sign-up) whose
 * first-load JS has a budget. Same endpoint, same CSRF and error handling.
 */
export const trpcClient = createTRPCClient<AppRouter>({ links: [httpLink({ url: "/api/trpc", transformer: superjson, fetch: recordingFetch })] });
