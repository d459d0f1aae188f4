import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getQueryClient } from "./server";

/**
 * Hands the render's prefetched queries to the client. Its own module: HydrationBoundary is a
 * client component, and a page loads every client component its server modules import, used
 * or not — from server.tsx it put TanStack Query (7.6 kB) on every page, sign-in included,
 * through the root layout's impersonation slot (decision 041).
 */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
