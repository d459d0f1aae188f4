import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { logger } from "@/server/logging/logger";

/**
 * Extended statistics on the trigrams of the searched columns (migrations 0023 and 0026): ANALYZE
 * keeps, for each, the ~1000 most common trigrams and how often they occur.
 */
export const TRIGRAM_STATISTICS = {
  email: "users_email_trgm_stats",
  name: "users_display_name_trgm_stats",
  workspaceName: "workspaces_name_trgm_stats",
  workspaceSlug: "workspaces_slug_trgm_stats",
} as const;
export type SearchedColumn = keyof typeof TRIGRAM_STATISTICS;
export type TrigramFrequencies = Record<SearchedColumn, ReadonlyMap<string, number>>;

/** A trigram in fewer than 1% of rows counts as rare (one not in the statistics is rarer still). */
export const RARE_TRIGRAM = 0.01;
const REFRESH_MS = 10 * 60_000;
const NONE: TrigramFrequencies = { email: new Map(), name: new Map(), workspaceName: new Map(), workspaceSlug: new Map() };

let cached: { at: number; frequencies: Promise<TrigramFrequencies> } | null = null;

/** The columns' common trigrams, read from the statistics at most every 10 minutes per process. */
export function trigramFrequencies(db: DbOrTx, now = Date.now()): Promise<TrigramFrequencies> {
  if (!cached || now - cached.at > REFRESH_MS) cached = { at: now, frequencies: loadFrequencies(db) };
  return cached.frequencies;
}

async function loadFrequencies(db: DbOrTx): Promise<TrigramFrequencies> {
  try {
    const rows = await db
      .select({ name: sql<string>`statistics_name`, elems: sql<string[] | null>`most_common_elems::text::text[]`, freqs: sql<number[] | null>`most_common_elem_freqs` })
      .from(sql`pg_stats_ext_exprs`)
      .where(inArray(sql`statistics_name`, Object.values(TRIGRAM_STATISTICS)));
    const frequencies = (name: string) => {
      const row = rows.find((r) => r.name === name);
      return new Map((row?.elems ?? []).map((trigram, i) => [trigram, row!.freqs![i]!] as const));
    };
    return { email: frequencies(TRIGRAM_STATISTICS.email), name: frequencies(TRIGRAM_STATISTICS.name), workspaceName: frequencies(TRIGRAM_STATISTICS.workspaceName), workspaceSlug: frequencies(TRIGRAM_STATISTICS.workspaceSlug) };
  } catch (error) {
    // Without statistics the search still answers, with the whole query in the index condition.
    logger.warn({ err: error }, "admin search: trigram statistics unreadable");
    return NONE;
  }
}

/**
 * The part of a search term the trigram index should look up. pg_trgm's GIN index answers
 * `like '%term%'` by intersecting the posting lists of all the term's trigrams, and reads every
 * list whole: one common trigram (a mail domain's, a common first name's) in a long term costs
 * more than all the rare ones together — `john.thompson.118155@example.com` read 2,600 index pages
 * at 1M users, `118155` alone 23. So the index looks up the longest run of rare trigrams, and the
 * whole term is checked on the (few) rows it finds. Without statistics, or when nothing in the term
 * is rare, it is the whole term.
 */
export function selectiveNeedle(term: string, frequencies: ReadonlyMap<string, number>): string {
  return rareRun(term, frequencies) ?? term;
}

/**
 * The longest run of rare trigrams in `term` (at least 4 characters: one rare trigram alone is not
 * selective enough), or null when there is none or no statistics to tell. Null means the term may
 * match a large share of the rows, so an index lookup could fetch and sort thousands of them.
 */
export function rareRun(term: string, frequencies: ReadonlyMap<string, number>): string | null {
  if (frequencies.size === 0) return null;
  let best = "";
  // pg_trgm makes trigrams inside words (letters and digits), never across a separator.
  for (const word of term.split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...word];
    let start = 0;
    for (let i = 0; i + 3 <= chars.length; i++) {
      const rare = (frequencies.get(chars.slice(i, i + 3).join("")) ?? 0) < RARE_TRIGRAM;
      if (!rare) start = i + 1;
      else if (i + 3 - start > [...best].length) best = chars.slice(start, i + 3).join("");
    }
  }
  return [...best].length >= 4 ? best : null;
}
