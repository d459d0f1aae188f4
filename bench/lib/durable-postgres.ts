/**
 * A throwaway Postgres with durable settings for the API bench: the embedded cluster without
 * the test clusters' `fast` trade (fsync, synchronous_commit and full_page_writes at their
 * defaults, i.e. on), migrated. The bench reads the settings back and prints them, so a
 * figure is never quoted for a cluster that skips the WAL flush.
 */
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "../../src/server/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../tools/embedded-postgres";

export type DurablePostgres = { url: string; settings: string; dataDir: string; stop: () => Promise<void> };

export async function startDurablePostgres(): Promise<DurablePostgres> {
  const dataDir = path.join(process.cwd(), ".data", `bench-durable-${process.pid}`);
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, database: "groundwork", ephemeral: true, fast: false });
  try {
    await migrateDatabase(pg.url);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    const rows = await sql<{ name: string; setting: string }[]>`
      select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'server_version') order by name`.finally(() => sql.end());
    const settings = rows.map((r) => `${r.name}=${r.setting}`).join(" ");
    if (!/fsync=on/.test(settings) || !/synchronous_commit=on/.test(settings)) throw new Error(`the bench's Postgres is not durable: ${settings}`);
    return { url: pg.url, settings, dataDir, stop: pg.stop };
  } catch (error) {
    await pg.stop();
    throw error;
  }
}
