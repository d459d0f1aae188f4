/**
 * Every environment variable the app reads. Tests and the e2e server set each one
 * explicitly (blank when unused) so that a developer's `.env` can never change a run:
 * Next's env loader does not override variables that are already present.
 */
export const ENV_KEYS = [
  "DATABASE_URL",
  "DATABASE_DIRECT_URL",
  "DATABASE_POOL_MAX",
  "DATABASE_PREPARE",
  "APP_URL",
  "COOKIE_PREFIX",
  "LOG_LEVEL",
  "LOG_SQL",
  "QUERY_WARN_THRESHOLD",
  "DEV_TOOLS",
  "APP_SECRET",
  "API_KEY_PEPPER",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_DEV_URL",
  "SMTP_URL",
  "MAIL_FROM",
  "PUSHER_APP_ID",
  "PUSHER_KEY",
  "PUSHER_SECRET",
  "PUSHER_HOST",
  "PUSHER_PORT",
  "PUSHER_CLUSTER",
  "INNGEST_EVENT_KEY",
  "INNGEST_SIGNING_KEY",
  "INNGEST_BASE_URL",
  "INNGEST_DEV",
  "JOBS_LAG_THRESHOLD_SECONDS",
  "PREVIEW_DRIVER",
  "PREVIEW_REPO_PATH",
  "PREVIEW_ROOT",
  "PREVIEW_MAX_CONCURRENT",
  "PREVIEW_TTL_HOURS",
  "PREVIEW_PORT_BASE",
  "PREVIEW_HOST",
  "PREVIEW_INSTALL_CACHE",
  "PREVIEW_BRANCH",
  "PREVIEW_COMMIT",
  "PREVIEW_EXPIRES_AT",
  "PREVIEW_RUNTIME_FILE",
  "PREVIEW_GITHUB_TOKEN",
  "PREVIEW_GITHUB_REPO",
  "PREVIEW_GITHUB_API_URL",
  "PREVIEW_GITHUB_WORKFLOW",
  "PREVIEW_CALLBACK_SECRET",
  "REALTIME_PORT",
  "REALTIME_HOST",
  "API_PORT",
  "API_HOST",
  "FLAG_EVALUATION_SAMPLE_RATE",
  "TRUSTED_PROXY_HOPS",
  "GIT_COMMIT",
] as const;

export function hermeticEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const blanks = Object.fromEntries(ENV_KEYS.map((k) => [k, ""]));
  return { ...process.env, ...blanks, ...overrides };
}
