import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { outageError } from "@/server/db/errors";
import { judgeImpersonatedCall } from "@/server/auth/impersonation-policy";
import { AppError } from "@/server/errors";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import type { TrpcContext } from "./context";

export type ErrorData = {
  userMessage: string;
  fieldErrors: Record<string, string[]> | null;
  requestId: string | null;
  retryAfterSeconds: number | null;
  /** AppError's `reason`: what the client should do about it (e.g. ask for admin mode). */
  reason: string | null;
};

function describeError(error: TRPCError): Omit<ErrorData, "requestId"> {
  const cause = outageError(error.cause) ?? error.cause;
  if (cause instanceof AppError) {
    return {
      userMessage: cause.userMessage,
      fieldErrors: cause.fieldErrors ?? null,
      retryAfterSeconds: cause.retryAfterSeconds ?? null,
      reason: cause.reason ?? null,
    };
  }
  if (cause instanceof ZodError) {
    const fieldErrors = z.flattenError(cause).fieldErrors as Record<string, string[]>;
    const formErrors = z.flattenError(cause).formErrors;
    const first = Object.entries(fieldErrors)[0];
    const userMessage = first
      ? `${first[0]}: ${first[1][0]}`
      : (formErrors[0] ?? "The request is not valid.");
    return { userMessage, fieldErrors: { ...fieldErrors, ...(formErrors.length ? { _: formErrors } : {}) }, retryAfterSeconds: null, reason: null };
  }
  if (error.code === "PARSE_ERROR" || cause instanceof SyntaxError) {
    return { userMessage: "The request body is not valid JSON.", fieldErrors: null, retryAfterSeconds: null, reason: null };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    return { userMessage: "Something went wrong on our side. Try again; if it keeps happening, quote the error id.", fieldErrors: null, retryAfterSeconds: null, reason: null };
  }
  return { userMessage: error.message, fieldErrors: null, retryAfterSeconds: null, reason: null };
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const described = describeError(error);
    const requestId = currentRequestContext()?.requestId ?? null;
    return {
      ...shape,
      // Never leak internals (SQL, stack) through the message of an unexpected error.
      message: error.code === "INTERNAL_SERVER_ERROR" ? described.userMessage : shape.message,
      data: {
        ...(outageError(error.cause) ? { code: "SERVICE_UNAVAILABLE" as const, httpStatus: 503 } : { code: shape.data.code, httpStatus: shape.data.httpStatus }),
        path: shape.data.path,
        requestId,
        ...described,
      } satisfies ErrorData & Record<string, unknown>,
    };
  },
});

/** Maps the one error type operations throw onto tRPC's codes (and so HTTP statuses). */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? null : result.error.cause instanceof AppError ? result.error.cause : outageError(result.error.cause);
  if (cause) {
    throw new TRPCError({ code: cause.code, message: cause.userMessage, cause });
  }
  return result;
});

/**
 * Calls from server components (the server caller) run outside a route handler; give
 * them a request context too so their logs and query counts are attributed.
 */
const requestScope = t.middleware(({ ctx, next }) => {
  if (currentRequestContext()) return next();
  return runWithRequestContext({ requestId: ctx.requestId }, () => next());
});

/**
 * Read-only by default while staff impersonate, decided here for every procedure at once: a
 * mutation needs write mode, and the never-allowed list is refused in both modes.
 */
const impersonationGuard = t.middleware(({ ctx, path, type, next }) => {
  if (!ctx.impersonation) return next();
  const verdict = judgeImpersonatedCall(path, type, ctx.impersonation.mode);
  if (verdict.kind === "refused") throw new AppError("FORBIDDEN", { userMessage: verdict.userMessage });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const baseProcedure = t.procedure.use(requestScope).use(appErrors).use(impersonationGuard);
