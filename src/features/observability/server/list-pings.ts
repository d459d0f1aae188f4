import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { listPingsInput, listPingsOutput } from "../schemas";
import { selectPingsPage } from "./queries";

export async function listPings(
  input: z.output<typeof listPingsInput>,
  db: DbOrTx,
): Promise<z.infer<typeof listPingsOutput>> {
  const rows = await selectPingsPage(db, input);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}
