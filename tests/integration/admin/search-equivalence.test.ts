import { and, asc, desc, eq, like, ne, not, or, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { users, workspaces } from "@/server/db/schema";
import type { TrigramFrequencies } from "@/features/admin/server/search-needle";
import { escapeLike } from "@/features/admin/server/search-terms";
import { searchUsers } from "@/features/admin/server/search-users";
import { searchWorkspaces } from "@/features/admin/server/search-workspaces";
import { searchInput } from "@/features/admin/schemas";

/**
 * Whatever index a query goes through (the reversed local part for "@", a trigram needle, a walk
 * of the newest rows for a common term), the search returns what a plain `like '%q%'` over the
 * whole table returns, in the same order, page after page.
 */
const random = createRandom(1107);
const none = new Map<string, number>();
const common = (...trigrams: string[]) => new Map(trigrams.map((t) => [t, 0.3]));
// Statistics as a big table would have them: the domain's and "qwyn"'s trigrams are common, so
// a query made of them walks; anything else (digits, "vexel") is rare and looked up by it.
const statistics: Record<string, TrigramFrequencies> = {
  "no statistics": { email: none, name: none, workspaceName: none, workspaceSlug: none },
  "common and rare trigrams": {
    email: common("qwy", "wyn", "srq", "rqx", "tes", "est"),
    name: common("qwy", "wyn", "mai", "ail"),
    workspaceName: common("qwy", "wyn", "tea", "eam"),
    workspaceSlug: common("qwy", "wyn", "tea", "eam"),
  },
};

/** The plain definition: addresses starting with q (by address), then the rest containing q in address or name (by id, newest first). */
async function plainUsers(query: string): Promise<string[]> {
  const q = query.toLowerCase();
  const inside = `%${escapeLike(q)}%`;
  if (/\s/.test(q)) return (await db.select({ id: users.id }).from(users).where(like(sql`lower(${users.displayName})`, inside)).orderBy(desc(users.id))).map((r) => r.id);
  const prefix = `${escapeLike(q)}%`;
  const first = await db.select({ id: users.id }).from(users).where(like(users.email, prefix)).orderBy(asc(users.email));
  const rest = await db
    .select({ id: users.id })
    .from(users)
    .where(and(not(like(users.email, prefix)), or(like(users.email, inside), like(sql`lower(${users.displayName})`, inside))))
    .orderBy(desc(users.id));
  return [...first, ...rest].map((r) => r.id);
}

async function plainWorkspaces(query: string): Promise<string[]> {
  const q = query.toLowerCase();
  const inside = `%${escapeLike(q)}%`;
  const exact = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, q));
  const rest = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(ne(workspaces.slug, q), or(like(workspaces.slug, inside), like(sql`lower(${workspaces.name})`, inside))))
    .orderBy(desc(workspaces.id));
  return [...exact, ...rest].map((r) => r.id);
}

/** Every page of a search, `limit` rows at a time, following the cursors. */
async function allPages(search: (cursor: string | undefined) => Promise<{ items: { id: string }[]; nextCursor: string | null }>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await search(cursor);
    seen.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

const USER_QUERIES = [
  "qwyn.vexel.41@srqx.test", // an exact address
  "QWYN.Vexel.41@SRQX.TEST", // the same, typed in capitals
  "n.vexel.41@srq", // across the "@", in the middle of an address
  ".41@", // a local part's end
  "vexel.41@srqx.test", // the end of several addresses
  "41@srqx.te",
  "@srqx.test", // a domain only
  "qwyn@srqx.test.other", // the domain is longer than the query's
  "qwyn_vexel@", // "_" is a character, not a wildcard
  "a@b@srqx.test", // no address holds two "@"
  "qwyn", // common: walks
  "qwyn.vex", // a prefix
  "vexel", // a fragment
  "mail qwyn.vexel.41@srqx.test", // a name holding an address
  "qwyn vexel", // a space: names only
  "zzz-nowhere",
];

describe("admin search returns what a plain like returns", () => {
  beforeAll(async () => {
    const emails = [
      "qwyn.vexel.41@srqx.test",
      "aqwyn.vexel.41@srqx.test",
      "qwyn.vexel.41@srqx.test.other",
      "qwyn.vexel.410@srqx.test",
      "vexel.41@srqx.test",
      "x.41@srqx.testing",
      "qwyn_vexel@srqx.test",
      "qwynxvexel@srqx.test",
      "qwyn@srqx.test.other",
      "other.41@elsewhere.test",
      ...Array.from({ length: 12 }, (_, i) => `qwyn.${i}@srqx.test`),
    ];
    // One at a time: ids (UUIDv7) then follow creation order, as in production.
    for (const [i, email] of emails.entries()) {
      await createUser(db, random, { email, displayName: i % 4 === 0 ? `Mail qwyn.vexel.41@srqx.test ${i}` : `Qwyn Vexel ${i}` });
    }
    const owner = await createUser(db, random);
    for (const name of ["Qwyn Team 41", "Qwyn Team 410", "Vexel Qwyn Team", "Other Team 41", "Qwyn-Team 41"]) {
      await createWorkspaceWithMembers(db, random, { owner, name });
    }
  });

  for (const [label, frequencies] of Object.entries(statistics)) {
    it(`users, with ${label}: every query, page after page`, async () => {
      for (const query of USER_QUERIES) {
        const expected = await plainUsers(query);
        for (const limit of [2, 25]) {
          const pages = await allPages((cursor) => searchUsers(searchInput.parse({ query, cursor, limit }), db, frequencies));
          expect(pages, `${query}, ${limit} a page`).toEqual(expected);
        }
      }
      // The queries that should find someone do.
      expect(await plainUsers("qwyn.vexel.41@srqx.test")).toHaveLength(8);
      expect(await plainUsers("qwyn_vexel@")).toHaveLength(1);
    });

    it(`workspaces, with ${label}: by name, slug and id, page after page`, async () => {
      const [slugged] = await db.select({ slug: workspaces.slug, id: workspaces.id }).from(workspaces).where(eq(workspaces.name, "Qwyn Team 410"));
      for (const query of ["qwyn team 41", "qwyn team", "qwyn", "team 41", "qwyn-team", slugged!.slug, slugged!.slug.slice(0, -2), "qwyn_team", "nowhere at all"]) {
        const expected = await plainWorkspaces(query);
        const pages = await allPages((cursor) => searchWorkspaces(searchInput.parse({ query, cursor, limit: 2 }), db, frequencies));
        expect(pages, query).toEqual(expected);
      }
      expect((await searchWorkspaces(searchInput.parse({ query: slugged!.id }), db, frequencies)).items.map((w) => w.id)).toEqual([slugged!.id]);
      expect(await plainWorkspaces("qwyn team 41")).toHaveLength(2);
    });
  }

  it("finds a user by id, whatever the statistics", async () => {
    const [someone] = await db.select({ id: users.id }).from(users).where(eq(users.email, "vexel.41@srqx.test"));
    for (const frequencies of Object.values(statistics)) {
      expect((await searchUsers(searchInput.parse({ query: someone!.id }), db, frequencies)).items.map((u) => u.id)).toEqual([someone!.id]);
    }
  });
});
