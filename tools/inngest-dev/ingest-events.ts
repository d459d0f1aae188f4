/**
 * The event API's write side. Events are stored and answered at once; the engine loop picks
 * them up, which is what "queue lag" measures. An event whose `id` was seen before is not stored
 * again, so a sender that retries (the app's outbox relay) never triggers a function twice.
 */
import type { Sql } from "postgres";
import { ulid } from "./ids";

export class BadEventError extends Error {}

type Incoming = { name?: unknown; data?: unknown; id?: unknown; ts?: unknown; user?: unknown };

export async function ingestEvents(sql: Sql, payload: unknown): Promise<string[]> {
  const items = (Array.isArray(payload) ? payload : [payload]) as Incoming[];
  const rows = items.map((item, i) => {
    if (!item || typeof item !== "object") throw new BadEventError(`event ${i} is not an object`);
    if (typeof item.name !== "string" || !item.name) throw new BadEventError(`event ${i} has no name`);
    if (item.data !== undefined && item.data !== null && (typeof item.data !== "object" || Array.isArray(item.data))) {
      throw new BadEventError(`event ${i} (${item.name}): data must be an object`);
    }
    if (item.id !== undefined && item.id !== null && (typeof item.id !== "string" || !item.id)) throw new BadEventError(`event ${i} (${item.name}): id must be a non-empty string`);
    return {
      id: (item.id as string | undefined) || ulid(),
      name: item.name,
      data: (item.data ?? {}) as Record<string, unknown>,
      user: item.user ?? null,
      ts: typeof item.ts === "number" ? Math.trunc(item.ts) : Date.now(),
    };
  });
  await sql.begin(async (tx) => {
    for (const row of rows) {
      await tx`insert into inngest_dev.events (id, name, data, "user", ts)
        values (${row.id}, ${row.name}, ${tx.json(row.data as never)}, ${row.user === null ? null : tx.json(row.user as never)}, ${row.ts})
        on conflict (id) do nothing`;
    }
  });
  return rows.map((row) => row.id);
}
