import "server-only";
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { STRIPE_DEV_SECRET_KEY, STRIPE_DEV_WEBHOOK_SECRET } from "@/lib/stripe-dev-keys";
import { trustedProxyHopsSchema } from "@/server/http/client-ip";
import { COOKIE_PREFIX_PATTERN } from "@/server/http/cookie-names";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/**
 * Every variable the server reads, validated once when this module is first imported
 * (instrumentation.ts imports it at boot, so a bad value stops `next start` at once).
 * `.env.example` documents each one; `ENV_KEYS` below lets tests blank them all so a
 * developer's `.env` never leaks into a test run.
 */
// `next build` evaluates route modules to collect page data but opens no connection; give it
// a placeholder so defaults still apply. The running server validates the real value.
if (process.env.NEXT_PHASE === "phase-production-build") {
  process.env.DATABASE_URL ||= "postgres://build-placeholder.invalid/unused";
}

function inngestDevOn(value: string | undefined): boolean {
  return value !== undefined && value !== "0" && value !== "false";
}

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" }),
    // The server itself, not a pooler: LISTEN, migrations and session advisory locks need a
    // session of their own (PgBouncer in transaction mode and managed poolers don't keep one).
    DATABASE_DIRECT_URL: z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" }).optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    // Named prepared statements only when DATABASE_URL reaches Postgres itself (decision 033).
    DATABASE_PREPARE: flag,
    APP_URL: z.url().default("http://localhost:3000"),
    // Each preview gets its own, so its cookies don't replace the app's on the same host (decision 037).
    COOKIE_PREFIX: z.string().regex(COOKIE_PREFIX_PATTERN, "must be lowercase letters, digits and _, start with a letter and end with _").default("gw_"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_SQL: flag,
    QUERY_WARN_THRESHOLD: z.coerce.number().int().min(1).default(25),
    DEV_TOOLS: flag,
    APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    API_KEY_PEPPER: z.string().min(32, "must be at least 32 characters").optional(),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    // The local Stripe-protocol server (tools/stripe-dev), set by `npm run dev`, tests and e2e.
    STRIPE_DEV_URL: z
      .url({ protocol: /^https?$/, hostname: /^(127\.0\.0\.1|localhost|\[::1\])$/, message: "must be the local Stripe server's loopback http URL, e.g. http://127.0.0.1:12111" })
      .optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).optional(),
    PUSHER_APP_ID: z.string().min(1).optional(),
    PUSHER_KEY: z.string().min(1).optional(),
    PUSHER_SECRET: z.string().min(1).optional(),
    PUSHER_HOST: z.string().min(1).optional(),
    PUSHER_PORT: z.coerce.number().int().optional(),
    PUSHER_CLUSTER: z.string().min(1).optional(),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    INNGEST_BASE_URL: z.url().optional(),
    INNGEST_DEV: z
      .union([z.enum(["0", "1", "true", "false"]), z.url({ protocol: /^https?$/ })], { error: "must be 1, 0, true, false or the dev server's http(s) URL" })
      .optional(),
    JOBS_LAG_THRESHOLD_SECONDS: z.coerce.number().int().min(1).default(300),
    REALTIME_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    REALTIME_HOST: z.string().min(1).default("0.0.0.0"),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    API_HOST: z.string().min(1).default("0.0.0.0"),
    PREVIEW_DRIVER: z.enum(["local", "github"]).default("local"),
    PREVIEW_REPO_PATH: z.string().min(1).optional(),
    PREVIEW_ROOT: z.string().min(1).default(".data/previews"),
    PREVIEW_MAX_CONCURRENT: z.coerce.number().int().min(1).max(50).default(3),
    PREVIEW_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(24),
    PREVIEW_PORT_BASE: z.coerce.number().int().min(1024).max(65000).default(4100),
    PREVIEW_HOST: z.string().min(1).default("127.0.0.1"),
    PREVIEW_INSTALL_CACHE: z.enum(["0", "1", "true", "false"]).default("1").transform((v) => v === "1" || v === "true"),
    PREVIEW_BRANCH: z.string().min(1).optional(),
    PREVIEW_COMMIT: z.string().min(1).optional(),
    PREVIEW_EXPIRES_AT: z.iso.datetime({ offset: true }).optional(),
    /** Written by the preview driver: this preview's current expiry and flag overrides (decision 037). */
    PREVIEW_RUNTIME_FILE: z.string().min(1).optional(),
    PREVIEW_GITHUB_TOKEN: z.string().min(1).optional(),
    PREVIEW_GITHUB_REPO: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name").optional(),
    PREVIEW_GITHUB_API_URL: z.url().optional(),
    PREVIEW_GITHUB_WORKFLOW: z.string().min(1).default("preview.yml"),
    PREVIEW_CALLBACK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    FLAG_EVALUATION_SAMPLE_RATE: z.coerce.number().gt(0, "must be above 0").max(1, "must be at most 1").default(0.1),
    TRUSTED_PROXY_HOPS: trustedProxyHopsSchema,
  },
  // Dev mode skips request signatures: a production server in dev mode would run any POST to
  // /api/inngest as a job. Refuse to start rather than warn (`next build` is not a start).
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((v, ctx) => {
      if (v.NODE_ENV === "production" && inngestDevOn(v.INNGEST_DEV) && process.env.NEXT_PHASE !== "phase-production-build") {
        ctx.addIssue({ code: "custom", path: ["INNGEST_DEV"], message: "must not be set in production (dev mode accepts unsigned requests to /api/inngest); unset it and use INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY" });
      }
    }),
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const lines = issues.map((issue) => {
      const key = issue.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".") ?? "?";
      return `  ${key}: ${issue.message}`;
    });
    throw new Error(
      `Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example for what each variable means.`,
    );
  },
});

/** Where LISTEN, migrations and session-level advisory locks connect: never through a pooler. */
export const directDatabaseUrl = (): string => env.DATABASE_DIRECT_URL ?? env.DATABASE_URL;

const DEV_APP_SECRET = "groundwork-development-secret-not-for-production";

/** Key material for encrypting secrets at rest (TOTP keys). Required in production. */
export function appSecret(): string {
  if (env.APP_SECRET) return env.APP_SECRET;
  if (env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("Invalid environment configuration:\n  APP_SECRET: required in production (32+ random characters)");
  }
  return DEV_APP_SECRET;
}

const DEV_API_KEY_PEPPER = "groundwork-development-api-key-pepper-not-for-production";

/**
 * The HMAC key API key hashes are computed under. Kept out of the database, so a leaked
 * `api_keys` table can't be brute-forced offline. Required in production; changing it
 * invalidates every key.
 */
export function apiKeyPepper(): string {
  if (env.API_KEY_PEPPER) return env.API_KEY_PEPPER;
  if (env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("Invalid environment configuration:\n  API_KEY_PEPPER: required in production (32+ random characters)");
  }
  return DEV_API_KEY_PEPPER;
}

/**
 * Optional integrations: each is configured as a whole or not at all. A partial
 * configuration is a deploy mistake, so it fails loudly instead of silently falling back.
 */
function integration<K extends keyof typeof env>(name: string, required: K[]) {
  const present = required.filter((k) => env[k] !== undefined);
  if (present.length === 0) return null;
  const missing = required.filter((k) => env[k] === undefined);
  if (missing.length > 0) {
    throw new Error(`${name} is partly configured: set ${missing.join(", ")} (or unset ${present.join(", ")}).`);
  }
  return Object.fromEntries(required.map((k) => [k, env[k]])) as { [P in K]: NonNullable<(typeof env)[P]> };
}

export const stripeEnv = () => integration("Stripe", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);

export type StripeMode =
  | { kind: "stripe"; secretKey: string; webhookSecret: string }
  | { kind: "local"; url: string; secretKey: string; webhookSecret: string };

/**
 * THE switch for payments. STRIPE_SECRET_KEY set → Stripe (test or live), with its
 * STRIPE_WEBHOOK_SECRET required. Unset → the local Stripe-protocol server at STRIPE_DEV_URL
 * with its fixed dev key; STRIPE_WEBHOOK_SECRET may still be set to sign with a secret of
 * your own. Neither → null: no gateway is reachable and billing refuses to start a payment.
 */
export function stripeMode(): StripeMode | null {
  if (env.STRIPE_SECRET_KEY) {
    const stripe = stripeEnv()!;
    return { kind: "stripe", secretKey: stripe.STRIPE_SECRET_KEY, webhookSecret: stripe.STRIPE_WEBHOOK_SECRET };
  }
  if (!env.STRIPE_DEV_URL) return null;
  return { kind: "local", url: env.STRIPE_DEV_URL, secretKey: STRIPE_DEV_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? STRIPE_DEV_WEBHOOK_SECRET };
}

export const smtpEnv = () => integration("SMTP", ["SMTP_URL", "MAIL_FROM"]);
export const pusherEnv = () => integration("Pusher", ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"]);
export const inngestEnv = () => integration("Inngest Cloud", ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]);
export const previewGithubEnv = () => integration("Preview GitHub driver", ["PREVIEW_GITHUB_TOKEN", "PREVIEW_GITHUB_REPO", "PREVIEW_CALLBACK_SECRET"]);

export type InngestMode = { kind: "dev"; url: string | null } | { kind: "cloud"; baseUrl: string | null };

/**
 * THE switch for background work. `null` (no INNGEST_DEV, no Inngest keys) means no event API
 * is reachable: outbox effects are delivered inline right after commit and the crons run
 * in-process (features/jobs/server/inline-scheduler.ts) — the offline default for tests, e2e and
 * a bare `next dev`. Otherwise effects go through Inngest.
 */
export function inngestMode(): InngestMode | null {
  if (inngestDevOn(env.INNGEST_DEV)) {
    const url = env.INNGEST_DEV === "1" || env.INNGEST_DEV === "true" ? null : env.INNGEST_DEV!;
    return { kind: "dev", url: url ?? env.INNGEST_BASE_URL ?? null };
  }
  return inngestEnv() ? { kind: "cloud", baseUrl: env.INNGEST_BASE_URL ?? null } : null;
}
