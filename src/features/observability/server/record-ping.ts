import "server-only";
import type { Actor } from "@/server/actor";
import type { DbOrTx } from "@/server/db/client";
import type { Ping, RecordPingInput } from "../schemas";
import { insertPing } from "./queries";

export async function recordPing(input: RecordPingInput, _actor: Actor, db: DbOrTx): Promise<Ping> {
  return insertPing(db, { label: input.label });
}
