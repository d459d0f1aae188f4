import type { ErrorData } from "@/server/trpc/init";

export type ClientError = { message: string; requestId: string | null; fieldErrors: Record<string, string[]> | null };

type ServerErrorData = Partial<ErrorData> & { httpStatus?: number };

/**
 * A failed procedure call from either client: tRPC's TRPCClientError or the plain client's
 * ProcedureError (trpc/vanilla.ts). Both carry the server's error data as `data`, absent when
 * the server never answered. Checked by shape, so pages using only the plain client don't load
 * the tRPC client to recognise its errors.
 */
function failedCall(error: unknown): { data?: ServerErrorData } | null {
  const isCall = error instanceof Error && (error.name === "TRPCClientError" || error.name === "ProcedureError");
  return isCall ? (error as { data?: ServerErrorData }) : null;
}

/** The HTTP status of a failed call the server answered (401 when the session ended, say). */
export function failedCallStatus(error: unknown): number | null {
  return failedCall(error)?.data?.httpStatus ?? null;
}

/**
 * What to tell the person: the server's `userMessage`, or what a network failure means.
 * Only an unexpected failure (a 5xx) carries its error id, inside `message`: an id beside
 * "wrong password" reads like a crash and gives support nothing to look up.
 */
export function describeClientError(error: unknown): ClientError {
  const failed = failedCall(error);
  if (failed) {
    const { data } = failed;
    if (data?.userMessage) {
      const unexpected = (data.httpStatus ?? 500) >= 500 && data.requestId ? data.requestId : null;
      return {
        message: unexpected ? `${data.userMessage} (error id ${unexpected})` : data.userMessage,
        requestId: unexpected,
        fieldErrors: data.fieldErrors ?? null,
      };
    }
    if (!data) {
      return { message: "Couldn't reach the server. Check your connection and try again.", requestId: null, fieldErrors: null };
    }
  }
  return { message: "Something went wrong. Try again.", requestId: null, fieldErrors: null };
}

export type FormError<Field extends string> = {
  /** The first message for each of the form's fields the server named. */
  fieldErrors: Partial<Record<Field, string>>;
  /** What to toast: null when the failure is shown under a field (told once, where the person looks). */
  toast: string | null;
};

/**
 * A form's failed call, split for display. A field error goes under its field and nowhere
 * else: the same sentence in a toast as well reads like two failures. Anything else (a refusal
 * about no field, a network failure, a 5xx with its error id) is the toast's.
 */
export function describeFormError<Field extends string>(error: unknown, fields: readonly Field[]): FormError<Field> {
  const { message, fieldErrors } = describeClientError(error);
  const byField: Partial<Record<Field, string>> = {};
  for (const field of fields) {
    const first = fieldErrors?.[field]?.[0];
    if (first) byField[field] = first;
  }
  return { fieldErrors: byField, toast: Object.keys(byField).length > 0 ? null : message };
}
