import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { toStoredEvent } from "./publish";
import type { StoredRealtimeEvent } from "./transports";

type EventRow = Parameters<typeof toStoredEvent>[0];

/** Postgres array literals for parameters: drizzle would expand a JS array into a value list. */
export const bigintArray = (ids: readonly string[]) => `{${ids.filter((id) => /^\d{1,19}$/.test(id)).join(",")}}`;
export const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

const columns = sql`id::text as id, channel, type, payload, client_mutation_id, created_at, tx::text as tx`;

export async function selectEventsByIds(db: DbOrTx, idArray: string): Promise<StoredRealtimeEvent[]> {
  const rows = (await db.execute(sql`select ${columns} from realtime_events where id = any(${idArray}::bigint[]) order by realtime_events.id`)) as unknown as EventRow[];
  return rows.map(toStoredEvent);
}

/**
 * What a subscriber that last saw `afterId` may have missed on these channels, oldest first;
 * at most `limit` (ask for one more to detect overflow). That is every later id, plus any
 * lower id whose transaction hadn't committed when `afterId` was inserted (invisible to that
 * row's snapshot; the `tx >= xmin` bound lets the `tx` index find them). The second set can
 * repeat an event that committed between that insert and the subscriber's disconnect;
 * clients drop ids they have seen.
 */
export async function selectEventsSince(db: DbOrTx, channels: readonly string[], afterId: string, limit: number): Promise<StoredRealtimeEvent[]> {
  if (channels.length === 0) return [];
  const rows = (await db.execute(sql`
    select ${columns} from realtime_events
    left join (select snap from realtime_events where id = ${afterId}::bigint) cursor on true
    where channel = any(${textArray(channels)}::text[])
      and (
        id > ${afterId}::bigint
        or (id < ${afterId}::bigint and tx >= pg_snapshot_xmin(cursor.snap) and not pg_visible_in_snapshot(tx, cursor.snap))
      )
    order by realtime_events.id limit ${limit}
  `)) as unknown as EventRow[];
  return rows.map(toStoredEvent);
}

export async function selectMaxEventId(db: DbOrTx): Promise<bigint> {
  const rows = (await db.execute(sql`select coalesce(max(id), 0)::text as id from realtime_events`)) as unknown as { id: string }[];
  return BigInt(rows[0]?.id ?? "0");
}

/** When event `id` was published, and the snapshot it was inserted under (null: no such event). */
export async function selectEventCursor(db: DbOrTx, id: string): Promise<{ createdAt: Date; snapshot: string } | null> {
  const rows = (await db.execute(sql`select created_at, snap::text as snap from realtime_events where id = ${id}::bigint`)) as unknown as { created_at: Date | string; snap: string }[];
  const row = rows[0];
  return row ? { createdAt: new Date(row.created_at), snapshot: row.snap } : null;
}
