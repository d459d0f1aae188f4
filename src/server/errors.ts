import "server-only";

/**
 * The one error type operations throw. `code` decides the HTTP/tRPC status in one place
 * (see `./error-codes`); `userMessage` is safe to show to the person who caused it.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: Record<string, string[]>;
  readonly retryAfterSeconds?: number;
  /** A machine-readable refinement of `code` the client acts on (e.g. "admin_mode_required"). */
  readonly reason?: string;
  /** The limit that refused a TOO_MANY_REQUESTS, for the public API's RateLimit headers. */
  readonly rateLimit?: { name: string; limit: number; windowSeconds: number };

  constructor(
    code: AppErrorCode,
    opts: {
      userMessage: string;
      cause?: unknown;
      fieldErrors?: Record<string, string[]>;
      retryAfterSeconds?: number;
      reason?: string;
      rateLimit?: { name: string; limit: number; windowSeconds: number };
    },
  ) {
    super(opts.userMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = opts.userMessage;
    this.fieldErrors = opts.fieldErrors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.reason = opts.reason;
    this.rateLimit = opts.rateLimit;
  }
}

export const APP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;
