import "server-only";
import postgres, { type Sql } from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { env } from "@/server/env";
import { currentRequestContext } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";
import { instrumentSql } from "./instrument";
import * as schema from "./schema";

function observeQuery(query: string, ms: number, error?: unknown) {
  const ctx = currentRequestContext();
  if (ctx) {
    ctx.queries.count += 1;
    ctx.queries.ms += ms;
  }
  if (env.LOG_SQL) {
    logger.info({ sql: query, durationMs: Math.round(ms * 100) / 100, failed: error ? true : undefined }, "sql");
  }
}

/**
 * Seconds a closed connection waits before it reconnects, after `retries` failed connections
 * pool-wide. postgres.js's default grows as 3^retries / 100 up to 20 s, and the count is shared
 * by the pool and only reset by a successful login: after an outage in which a few dozen
 * requests failed, the first query after Postgres is back could sit up to 20 s on a connection
 * waiting out its backoff (decision 034). Capped at one second: a request in an outage still
 * answers 503 within connect_timeout, and recovery is not delayed.
 */
export function reconnectBackoff(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1);
}

/**
 * Pool settings for outages (decision 034): a connection attempt gives up after
 * CONNECT_TIMEOUT_SECONDS (postgres.js waits 30 s by default, and behind PgBouncer a restarted
 * server can hold a login that long), reconnects wait at most a second, idle connections are
 * closed after a minute so a pool never keeps sockets a restart killed, and none lives longer
 * than 30 minutes.
 */
export const POOL_SETTINGS = { connect_timeout: 5, idle_timeout: 60, max_lifetime: 30 * 60, backoff: reconnectBackoff } as const;

// One pool per process; dev's hot reload would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { groundworkSql?: Sql };
const rawSql: Sql =
  globalForDb.groundworkSql ??
  postgres(env.DATABASE_URL, {
    max: env.DATABASE_POOL_MAX,
    // Behind a pooler in transaction mode a named statement prepared on one server connection
    // is missing on the next; unnamed statements work everywhere (decision 033).
    prepare: env.DATABASE_PREPARE,
    ...POOL_SETTINGS,
    onnotice: () => {},
    connection: { application_name: "groundwork" },
  });
if (env.NODE_ENV === "development") globalForDb.groundworkSql = rawSql;

/** The pool, instrumented: raw `sql` queries are counted and logged like drizzle's. */
export const sql = instrumentSql(rawSql, observeQuery);
export const db = drizzle({ client: sql, schema });

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Operations take this so the same code runs standalone or inside a caller's transaction. */
export type DbOrTx = Db | Tx;
