"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import type { FlagSummary } from "../schemas";

type ListData = { flags: FlagSummary[] };

/** Optimistic edits of one flag in the cached list, with what to restore if the server says no. */
export function useFlagListCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.flags.list.queryKey();
  return {
    async patch(flagKey: string, change: (flag: FlagSummary) => FlagSummary): Promise<ListData | undefined> {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<ListData>(queryKey);
      if (previous) queryClient.setQueryData<ListData>(queryKey, { flags: previous.flags.map((f) => (f.key === flagKey ? change(f) : f)) });
      return previous;
    },
    restore(previous: ListData | undefined) {
      if (previous) queryClient.setQueryData<ListData>(queryKey, previous);
    },
    settle() {
      void queryClient.invalidateQueries({ queryKey });
      void queryClient.invalidateQueries({ queryKey: trpc.flags.audit.pathKey() });
    },
  };
}
