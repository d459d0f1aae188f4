/**
 * Migrations, safe to run at every start: a session-level advisory lock serialises app
 * instances starting together, and drizzle's journal table makes re-runs no-ops.
 * No `server-only`/env import: the dev script, tests and release step call it with a URL.
 */
import path from "node:path";
import postgres, { type Sql } from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
const LOCK_KEY = 7_240_001; // arbitrary, constant: "groundwork migrations"

export async function migrateDatabase(url: string, folder = MIGRATIONS_FOLDER): Promise<{ applied: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${LOCK_KEY})`;
    const before = await migrationStatus(sql, folder);
    await migrate(drizzle({ client: sql }), { migrationsFolder: folder });
    await sql`select pg_advisory_unlock(${LOCK_KEY})`;
    return { applied: before.pending };
  } finally {
    await sql.end();
  }
}

export type MigrationStatus = { expected: number; latestApplied: number | null; latestExpected: number | null; pending: number };

/** Compares the committed journal with what the database has applied. */
export async function migrationStatus(sql: Sql, folder = MIGRATIONS_FOLDER): Promise<MigrationStatus> {
  const files = readMigrationFiles({ migrationsFolder: folder });
  const latestExpected = files.at(-1)?.folderMillis ?? null;
  const [table] = await sql`select to_regclass('drizzle.__drizzle_migrations') as name`;
  const rows = table?.name
    ? await sql<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`
    : [];
  const latestApplied = rows[0] ? Number(rows[0].created_at) : null;
  const pending = files.filter((f) => latestApplied === null || f.folderMillis > latestApplied).length;
  return { expected: files.length, latestApplied, latestExpected, pending };
}
