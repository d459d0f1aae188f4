import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { previews } from "@/server/db/schema";
import { isAlive } from "./local/process";
import { publishPreviewEvent } from "./publish-preview";

/** A ready local preview whose server process is gone becomes "dead"; the console offers a restart. */
export async function reconcilePreviews(db: DbOrTx): Promise<{ dead: string[] }> {
  const ready = await db
    .select({ id: previews.id, pid: previews.pid })
    .from(previews)
    .where(and(eq(previews.state, "ready"), eq(previews.driver, "local"), isNotNull(previews.pid)));
  const dead: string[] = [];
  for (const row of ready) {
    if (isAlive(row.pid)) continue;
    await db
      .update(previews)
      .set({ state: "dead", pid: null, error: "The preview's server process stopped. Restart it to bring it back." })
      .where(and(eq(previews.id, row.id), eq(previews.state, "ready")));
    await publishPreviewEvent(db, { type: "preview.changed", data: { previewId: row.id, state: "dead" } });
    dead.push(row.id);
  }
  return { dead };
}
