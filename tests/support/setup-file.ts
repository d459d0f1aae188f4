/**
 * Runs before each test file, in its own module graph: clones the migrated template into a
 * database only this file uses, and sets a hermetic environment before any app module
 * (and so `@/server/env`) is imported. A test file that needs other values sets them in
 * `vi.hoisted`, which runs after this and before the file's imports.
 */
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { hermeticEnv } from "../../src/lib/env-keys";
import { findFreePort } from "../../tools/embedded-postgres";

const serverUrl = inject("pgServerUrl");
const template = inject("pgTemplate");
const database = `gw_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${database} template ${template}`);

const url = new URL(serverUrl);
url.pathname = `/${database}`;
const env = hermeticEnv({
  DATABASE_URL: url.toString(),
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  APP_URL: "http://localhost:3000",
  // Where this file's local Stripe gateway listens once a test starts it
  // (tests/support/stripe-dev.ts); until then calls fail as with the gateway down.
  STRIPE_DEV_URL: `http://127.0.0.1:${await findFreePort()}`,
});
for (const [key, value] of Object.entries(env)) {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

afterAll(async () => {
  const { sql } = await import("../../src/server/db/client");
  await sql.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});
