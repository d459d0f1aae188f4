import "server-only";
import { or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { rareRun } from "./search-needle";
import { escapeLike } from "./search-terms";

/**
 * A "contains the query" condition on one column. `selective` says an index finds its rows
 * without fetching a large share of the table; when it can't be told, newest-first pages start
 * with a short walk instead (`newestFirst`).
 */
export type Match = { condition: SQL; selective: boolean };

/** Rows at the top of the id order walked before any index is asked (~5 ms at 1M users). */
export const RECENT_WALK = 5_000;

/**
 * `column` contains `term`, through the column's trigram index: the index looks up the term's
 * longest run of rare trigrams (`rareRun`), and the rows found are checked for the whole term.
 */
export function trigramMatch(column: SQLWrapper, term: string, frequencies: ReadonlyMap<string, number>): Match {
  const needle = rareRun(term, frequencies);
  if (needle === null || needle === term) return { condition: sql`${column} like ${`%${escapeLike(term)}%`}`, selective: needle !== null };
  return { condition: sql`(${column} like ${`%${escapeLike(needle)}%`} and strpos(${column}, ${term}) > 0)`, selective: true };
}

/**
 * An address contains `l@d` exactly when its local part ends with `l` and its domain starts with
 * `d` (a valid address holds one "@"), so a term with a local part is found through the btree on
 * the reversed local part (migration 0024), whatever its trigrams; `strpos` checks the domain.
 */
export function addressMatch(email: SQLWrapper, term: string, frequencies: ReadonlyMap<string, number>): Match {
  const [local, ...domain] = term.split("@");
  if (domain.length === 0 || local === "") return trigramMatch(email, term, frequencies);
  if (domain.length > 1) return { condition: sql`false`, selective: true };
  const reversed = [...local!].reverse().join("");
  return { condition: sql`(reverse(split_part(${email}, '@', 1)) like ${`${escapeLike(reversed)}%`} and strpos(${email}, ${term}) > 0)`, selective: true };
}

/**
 * Rows whose id is among `found` (a select of ids by a match): the matches are collected first,
 * then paged by id. Written as one `order by id limit` query instead, the planner, which can't
 * estimate `like '%…%'`, may walk the whole table backwards by id hoping for an early page: an
 * address matching no one but its owner took 3.3 s that way at 1M users (2 ms like this).
 */
export const idIn = (id: SQLWrapper, found: SQLWrapper): SQL => sql`${id} = any(array(${found}))`;

export const anyMatch = (matches: Match[]): Match => ({ condition: or(...matches.map((m) => m.condition))!, selective: matches.every((m) => m.selective) });

/**
 * A newest-first page of rows that match. Selective matches go to the indexes (`idIn`). Otherwise the
 * term may be common (a surname: 5 % of the rows), and the planner, which can't estimate
 * `like '%…%'`, may fetch and sort every match (50,000 rows, 100–200 ms); so the newest
 * `RECENT_WALK` rows are walked first, and only a term rare among them goes to the indexes.
 */
export async function newestFirst<T>(match: Match, want: number, query: { walk: () => Promise<T[]>; lookUp: () => Promise<T[]> }): Promise<T[]> {
  if (match.selective) return query.lookUp();
  const recent = await query.walk();
  return recent.length >= want ? recent : query.lookUp();
}
