"use client";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import { toast } from "@/components/ui/toast-store";
import { recordingFetch } from "@/lib/recent-requests";
import type { AppRouter } from "@/server/trpc/root";
import { describeClientError } from "./errors";
import { makeQueryClient } from "./query-client";
import { wireCodec } from "./wire-codec";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

/**
 * Failed mutations toast the server's message by default; a mutation that shows its own
 * feedback (field errors, a rollback toast) opts out with `meta: { toast: false }`.
 */
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient({ codec: wireCodec });
  browserQueryClient ??= makeQueryClient({
    codec: wireCodec,
    onMutationError(error, meta) {
      if (meta?.toast === false) return;
      toast({ title: "That didn't work", description: describeClientError(error).message, variant: "error" });
    },
  });
  return browserQueryClient;
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Development only: the condition is folded at build time, so production bundles drop the logger (decision 041).
        ...(process.env.NODE_ENV === "development" ? [loggerLink({ enabled: (op) => op.direction === "down" && op.result instanceof Error })] : []),
        httpBatchLink({ url: "/api/trpc", transformer: wireCodec, fetch: recordingFetch }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
