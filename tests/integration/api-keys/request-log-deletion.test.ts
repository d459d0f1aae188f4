/**
 * The request log has no foreign keys (their per-row checks were a third of Postgres's cost per
 * API request, decision 040), so what the cascades did is done by the writer and a trigger:
 * a workspace's deletion takes its keys' request log with it, a batch for a key already gone is
 * dropped, and a batch written while the key is being deleted leaves nothing behind.
 */
import { eq, inArray, sql as dsql } from "drizzle-orm";
import { expect, it } from "vitest";
import { writeRequestLog, type RequestLogRow } from "@/features/api-keys/server/verify/usage-recorder";
import { uuidv7 } from "@/lib/ids";
import { db, sql } from "@/server/db/client";
import { apiRequestLog, workspaces } from "@/server/db/schema";
import { issueKey, makeApiWorld } from "../../support/api";

function rowsFor(key: { id: string }, workspaceId: string, n: number): RequestLogRow[] {
  const at = new Date();
  return Array.from({ length: n }, () => ({ id: uuidv7(at.getTime()), workspaceId, apiKeyId: key.id, method: "GET", path: "/api/v1/me", route: "GET /v1/me", status: 200, latencyMs: 1, ip: "203.0.113.9", requestId: crypto.randomUUID(), at, billable: true }));
}
const countFor = async (keyIds: string[]) => (await db.select({ n: dsql<number>`count(*)::int` }).from(apiRequestLog).where(inArray(apiRequestLog.apiKeyId, keyIds)))[0]!.n;

it("deleting a workspace deletes its keys' request log and leaves other workspaces' rows", async () => {
  const [gone, kept] = [await makeApiWorld(), await makeApiWorld()];
  const goneKeys = [(await issueKey(gone.owner, gone.workspace, "owner")).key, (await issueKey(gone.owner, gone.workspace, "owner")).key];
  const keptKey = (await issueKey(kept.owner, kept.workspace, "owner")).key;
  await writeRequestLog(db, [...rowsFor(goneKeys[0]!, gone.workspace.id, 3), ...rowsFor(goneKeys[1]!, gone.workspace.id, 2), ...rowsFor(keptKey, kept.workspace.id, 4)]);
  expect(await countFor(goneKeys.map((k) => k.id))).toBe(5);

  await db.delete(workspaces).where(eq(workspaces.id, gone.workspace.id));

  expect(await countFor(goneKeys.map((k) => k.id))).toBe(0);
  expect(await countFor([keptKey.id])).toBe(4);
});

it("a batch whose key is already gone drops that key's rows and writes the rest", async () => {
  const [gone, kept] = [await makeApiWorld(), await makeApiWorld()];
  const goneKey = (await issueKey(gone.owner, gone.workspace, "owner")).key;
  const keptKey = (await issueKey(kept.owner, kept.workspace, "owner")).key;
  await db.delete(workspaces).where(eq(workspaces.id, gone.workspace.id));

  await writeRequestLog(db, [...rowsFor(goneKey, gone.workspace.id, 2), ...rowsFor(keptKey, kept.workspace.id, 3)]);

  expect(await countFor([goneKey.id])).toBe(0);
  expect(await countFor([keptKey.id])).toBe(3);
});

it("a workspace deleted while a batch for its key is being written waits for it, then leaves no row behind", async () => {
  const w = await makeApiWorld();
  const { key } = await issueKey(w.owner, w.workspace, "owner");
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const inserted = new Promise<void>((resolve) => (written = resolve));
  // The writer's transaction has inserted its rows and not yet committed.
  const writer = db.transaction(async (tx) => {
    await writeRequestLog(tx, rowsFor(key, w.workspace.id, 5));
    written();
    await gate;
  });
  await inserted;

  const deletion = db.delete(workspaces).where(eq(workspaces.id, w.workspace.id)).then(() => "deleted");
  // The deletion waits on the key the writer locked (without that lock it would finish now and
  // its trigger would miss the rows, committed a moment later).
  await expect
    .poll(async () => (await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'delete from "workspaces"%'`)[0]!.n)
    .toBe(1);

  release();
  await writer;
  expect(await deletion).toBe("deleted");
  expect(await countFor([key.id])).toBe(0);
});

it("a row naming another workspace than its key's is not written (what the dropped foreign key to workspaces can't check any more)", async () => {
  const [mine, other] = [await makeApiWorld(), await makeApiWorld()];
  const key = (await issueKey(mine.owner, mine.workspace, "owner")).key;

  await writeRequestLog(db, [...rowsFor(key, other.workspace.id, 2), ...rowsFor(key, mine.workspace.id, 3)]);

  const rows = await db.select({ workspaceId: apiRequestLog.workspaceId }).from(apiRequestLog).where(eq(apiRequestLog.apiKeyId, key.id));
  expect(rows.map((r) => r.workspaceId)).toEqual([mine.workspace.id, mine.workspace.id, mine.workspace.id]);
});
