import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { idSchema } from "@/lib/ids";
import { selectExportFile } from "./queries";

export type ExportFile =
  | { kind: "file"; zip: Buffer; filename: string }
  | { kind: "not_found" }
  | { kind: "expired"; expiredAt: Date };

/** The owner's finished archive. Someone else's id, a bad id or an unfinished export: not_found. */
export async function readExportFile(input: { id: string }, actor: { userId: string }, db: DbOrTx, now = new Date()): Promise<ExportFile> {
  if (!idSchema.safeParse(input.id).success) return { kind: "not_found" };
  const row = await selectExportFile(db, actor.userId, input.id);
  if (!row || row.status !== "done" || !row.expiresAt) return { kind: "not_found" };
  if (row.expiresAt <= now || !row.file) return { kind: "expired", expiredAt: row.expiresAt };
  return { kind: "file", zip: row.file, filename: `groundwork-export-${row.createdAt.toISOString().slice(0, 10)}.zip` };
}
