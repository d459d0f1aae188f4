import "server-only";
import { lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { authTokens } from "@/server/db/schema";
import { daysBefore, RETENTION } from "./policy";

export async function deleteSpentAuthTokens(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, RETENTION.spentAuthTokensDays);
  const deleted = await db
    .delete(authTokens)
    .where(or(lt(authTokens.usedAt, cutoff), lt(authTokens.expiresAt, cutoff)))
    .returning({ id: authTokens.id });
  return deleted.length;
}
