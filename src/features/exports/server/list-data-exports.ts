import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { DataExport } from "../schemas";
import { selectLatestExports } from "./queries";
import { toDataExport } from "./to-dto";

export const LATEST_EXPORTS = 10;

export async function listDataExports(actor: { userId: string }, db: DbOrTx, now = new Date()): Promise<DataExport[]> {
  return (await selectLatestExports(db, actor.userId, LATEST_EXPORTS)).map((row) => toDataExport(row, now));
}
