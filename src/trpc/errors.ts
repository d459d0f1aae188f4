import { TRPCClientError } from "@trpc/client";
import type { ErrorData } from "@/server/trpc/init";

/** What to tell the person: the server's `userMessage`, or what a network failure means. */
export function describeClientError(error: unknown): { message: string; requestId: string | null; fieldErrors: Record<string, string[]> | null } {
  if (error instanceof TRPCClientError) {
    const data = error.data as Partial<ErrorData> | undefined;
    if (data?.userMessage) {
      return { message: data.userMessage, requestId: data.requestId ?? null, fieldErrors: data.fieldErrors ?? null };
    }
    if (!error.data) {
      return { message: "Couldn't reach the server. Check your connection and try again.", requestId: null, fieldErrors: null };
    }
  }
  return { message: "Something went wrong. Try again.", requestId: null, fieldErrors: null };
}
