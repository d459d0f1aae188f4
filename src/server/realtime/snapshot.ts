/**
 * A Postgres snapshot as text (`pg_current_snapshot()::text`, "xmin:xmax:xip,…"), and the
 * question `pg_visible_in_snapshot` answers, asked in the app: had transaction `tx` committed
 * (or aborted) when the snapshot was taken?
 */
export type Snapshot = { xmin: bigint; xmax: bigint; inProgress: ReadonlySet<bigint> };

export function parseSnapshot(text: string): Snapshot | null {
  const match = /^(\d+):(\d+):([\d,]*)$/.exec(text.trim());
  if (!match) return null;
  const inProgress = new Set(match[3] ? match[3].split(",").map((x) => BigInt(x)) : []);
  return { xmin: BigInt(match[1]!), xmax: BigInt(match[2]!), inProgress };
}

export function visibleInSnapshot(snapshot: Snapshot, tx: string): boolean {
  const id = BigInt(tx);
  if (id < snapshot.xmin) return true;
  if (id >= snapshot.xmax) return false;
  return !snapshot.inProgress.has(id);
}
