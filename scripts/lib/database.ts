import path from "node:path";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../tools/embedded-postgres";
import * as schema from "../../src/server/db/schema";

export const DEV_DATA_DIR = path.join(process.cwd(), ".data", "postgres");

/**
 * `url` is what the app's pool uses (DATABASE_URL, maybe a pooler); `directUrl` reaches the
 * server itself (DATABASE_DIRECT_URL, defaulting to DATABASE_URL) for migrations, whose
 * session-level advisory lock a pooler in transaction mode would not hold.
 */
export type Database = { url: string; directUrl: string; embedded: EmbeddedPostgres | null; fresh: boolean; stop: () => Promise<void> };

/** DATABASE_URL when set; otherwise the embedded dev cluster under .data/ (started here). */
export async function openDatabase(opts: { ephemeral?: boolean; log?: (line: string) => void } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, directUrl: process.env.DATABASE_DIRECT_URL || url, embedded: null, fresh: false, stop: async () => {} };
  const dataDir = opts.ephemeral ? path.join(process.cwd(), ".data", `ephemeral-${process.pid}`) : DEV_DATA_DIR;
  const embedded = await startEmbeddedPostgres({
    dataDir,
    database: "groundwork",
    ephemeral: opts.ephemeral,
    fast: opts.ephemeral,
    log: opts.log,
  });
  return { url: embedded.url, directUrl: embedded.url, embedded, fresh: embedded.created, stop: embedded.stop };
}

export function connect(url: string) {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  return { db: drizzle({ client, schema }), close: () => client.end() };
}
