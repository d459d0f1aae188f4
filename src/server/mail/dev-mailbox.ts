import "server-only";
import { desc } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { devMailbox } from "@/server/db/schema";

/** Newest first, for the /dev/mailbox page (only mounted when DEV_TOOLS is on). */
export async function listDevMailbox(db: DbOrTx, limit = 100) {
  return db
    .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, text: devMailbox.text, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.id))
    .limit(limit);
}
