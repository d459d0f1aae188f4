import "server-only";
import { eq, sql } from "drizzle-orm";
import { notify } from "@/features/notifications/server/notify";
import type { Db, DbOrTx } from "@/server/db/client";
import { users, workspaces } from "@/server/db/schema";
import { logger } from "@/server/logging/logger";
import { enqueueEmail, type EmailPayload } from "@/server/mail/outbox";

/** The post's voters and its author (once each), with what an email needs. */
export async function selectVotersAndAuthor(db: DbOrTx, postId: string, opts: { includeAuthor: boolean }) {
  return (await db.execute(sql`
    select u.id, u.email, u.display_name as "displayName" from ${users} u
    where u.id in (
      select v.user_id from feedback_votes v where v.post_id = ${postId}::uuid
      ${opts.includeAuthor ? sql`union select p.author_id from feedback_posts p where p.id = ${postId}::uuid and p.author_id is not null` : sql``}
    )
    order by u.id
  `)) as unknown as { id: string; email: string; displayName: string }[];
}

export async function selectWorkspaceSlug(db: DbOrTx, workspaceId: string): Promise<string> {
  const [row] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row!.slug;
}

export const postPath = (workspaceSlug: string, boardSlug: string, postId: string) => `/b/${workspaceSlug}/${boardSlug}/p/${postId}`;

/** Outbox rows for many recipients inside the caller's transaction; relay the ids after commit. */
export async function enqueueEmails(tx: DbOrTx, emails: EmailPayload[]): Promise<string[]> {
  const ids: string[] = [];
  for (const email of emails) ids.push(await enqueueEmail(tx, email));
  return ids;
}

const NOTIFY_CONCURRENCY = 8;

/** In-app notifications after commit, a few at a time; one failure doesn't stop the rest. */
export async function notifyAll(db: Db, userIds: string[], notification: Parameters<typeof notify>[1]): Promise<void> {
  const queue = [...userIds];
  await Promise.all(
    Array.from({ length: Math.min(NOTIFY_CONCURRENCY, queue.length) }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        await notify(id, notification, db).catch((error: unknown) => logger.error({ err: error, userId: id }, "feedback notification failed"));
      }
    }),
  );
}
