import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { auditInput, auditOutput } from "../schemas";
import { selectFlagAudit } from "./queries";

/** Flag changes in the staff audit log, newest first, keyset pages by id. */
export async function listFlagAudit(input: z.output<typeof auditInput>, db: DbOrTx): Promise<z.infer<typeof auditOutput>> {
  const rows = await selectFlagAudit(db, { key: input.key ?? null, cursor: input.cursor ?? null, limit: input.limit });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}
