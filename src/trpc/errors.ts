import { TRPCClientError } from "@trpc/client";
import type { ErrorData } from "@/server/trpc/init";

export type ClientError = { message: string; requestId: string | null; fieldErrors: Record<string, string[]> | null };

/**
 * What to tell the person: the server's `userMessage`, or what a network failure means.
 * Only an unexpected failure (a 5xx) carries its error id, inside `message`: an id beside
 * "wrong password" reads like a crash and gives support nothing to look up.
 */
export function describeClientError(error: unknown): ClientError {
  if (error instanceof TRPCClientError) {
    const data = error.data as (Partial<ErrorData> & { httpStatus?: number }) | undefined;
    if (data?.userMessage) {
      const unexpected = (data.httpStatus ?? 500) >= 500 && data.requestId ? data.requestId : null;
      return {
        message: unexpected ? `${data.userMessage} (error id ${unexpected})` : data.userMessage,
        requestId: unexpected,
        fieldErrors: data.fieldErrors ?? null,
      };
    }
    if (!error.data) {
      return { message: "Couldn't reach the server. Check your connection and try again.", requestId: null, fieldErrors: null };
    }
  }
  return { message: "Something went wrong. Try again.", requestId: null, fieldErrors: null };
}
