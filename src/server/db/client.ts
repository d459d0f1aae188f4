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
 * Pool settings for outages (decision 034): a connection attempt gives up after
 * CONNECT_TIMEOUT_SECONDS (postgres.js waits 30 s by default, and behind PgBouncer a restarted
 * server can hold a login that long), idle connections are closed after a minute so a pool
 * never keeps sockets a restart killed, and none lives longer than 30 minutes.
 */
export const POOL_SETTINGS = { connect_timeout: 5, idle_timeout: 60, max_lifetime: 30 * 60 } as const;

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
