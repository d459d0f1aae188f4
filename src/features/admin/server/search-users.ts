import "server-only";
import { and, asc, desc, eq, gt, like, lt, sql, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { decodeCursor, encodeCursor } from "@/features/feedback/server/cursor";
import type { searchInput, UserHit } from "../schemas";
import { addressMatch, anyMatch, idIn, newestFirst, RECENT_WALK, trigramMatch, type Match } from "./search-contains";
import { trigramFrequencies, type TrigramFrequencies } from "./search-needle";
import { escapeLike, isUuid } from "./search-terms";

const hit = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
  twoFactorEnabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
  staffRole: users.staffRole,
  locked: sql<boolean>`${users.lockedAt} is not null`,
  createdAt: users.createdAt,
};

/** Two phases, each a keyset: addresses starting with the query (by address), then the rest that contain it (by id). */
const userCursor = z.discriminatedUnion("phase", [z.object({ phase: z.literal("prefix"), email: z.string() }), z.object({ phase: z.literal("contains"), id: z.uuid().nullable() })]);

/**
 * Staff search by address, name or id. An id is one primary-key lookup; otherwise exact-prefix
 * matches on the address come first (btree, text_pattern_ops), then addresses and names that
 * contain the query anywhere, newest first (`search-contains.ts`: a query with an "@" by the end
 * of its local part, others by their rarest part in the trigram indexes, common ones by a short
 * walk first). A query with a space can't be in an address (addresses are validated), so only
 * names are searched for it. No query lists the newest accounts.
 */
export async function searchUsers(input: z.output<typeof searchInput>, db: DbOrTx, trigrams?: TrigramFrequencies): Promise<{ items: UserHit[]; nextCursor: string | null }> {
  const q = input.query.toLowerCase();
  const listKey = { list: "admin.users", q };
  const after = decodeCursor(input.cursor, userCursor, listKey);
  const limit = input.limit;

  if (q === "") {
    const rows = await db
      .select(hit)
      .from(users)
      .where(after?.phase === "contains" && after.id ? lt(users.id, after.id) : undefined)
      .orderBy(desc(users.id))
      .limit(limit + 1);
    return page(rows, limit, (last) => encodeCursor({ phase: "contains", id: last.id }, listKey));
  }
  if (isUuid(q)) {
    if (after) return { items: [], nextCursor: null };
    return { items: await db.select(hit).from(users).where(eq(users.id, q)), nextCursor: null };
  }

  const pattern = escapeLike(q);
  const inAddresses = !/\s/.test(q);
  const items: UserHit[] = [];
  if (inAddresses && (!after || after.phase === "prefix")) {
    const prefix = await db
      .select(hit)
      .from(users)
      .where(and(like(users.email, `${pattern}%`), after ? gt(users.email, after.email) : undefined))
      .orderBy(asc(users.email))
      .limit(limit + 1);
    if (prefix.length > limit) return page(prefix, limit, (last) => encodeCursor({ phase: "prefix", email: last.email }, listKey));
    items.push(...prefix);
  }
  const room = limit - items.length;
  const frequencies = trigrams ?? (await trigramFrequencies(db));
  const below = after?.phase === "contains" ? after.id : null;
  const matching = (t: { email: SQLWrapper; displayName: SQLWrapper }): Match => {
    const name = trigramMatch(sql`lower(${t.displayName})`, q, frequencies.name);
    if (!inAddresses) return name;
    const match = anyMatch([addressMatch(t.email, q, frequencies.email), name]);
    return { ...match, condition: sql`(${t.email} not like ${`${pattern}%`} and ${match.condition})` };
  };
  const contains = await newestFirst(matching(users), room + 1, {
    walk: () => {
      const recent = db.select({ id: users.id, email: users.email, displayName: users.displayName }).from(users).where(below ? lt(users.id, below) : undefined).orderBy(desc(users.id)).limit(RECENT_WALK).as("recent");
      return db.select(hit).from(recent).innerJoin(users, eq(users.id, recent.id)).where(matching(recent).condition).orderBy(desc(recent.id)).limit(room + 1);
    },
    lookUp: () => {
      const found = db.select({ id: users.id }).from(users).where(and(matching(users).condition, below ? lt(users.id, below) : undefined));
      return db.select(hit).from(users).where(idIn(users.id, found)).orderBy(desc(users.id)).limit(room + 1);
    },
  });
  if (contains.length > room) {
    items.push(...contains.slice(0, room));
    // A full page of prefix matches with more to come: the next page starts the contains phase.
    return { items, nextCursor: encodeCursor({ phase: "contains", id: room > 0 ? items[items.length - 1]!.id : null }, listKey) };
  }
  items.push(...contains);
  return { items, nextCursor: null };
}

function page<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}
