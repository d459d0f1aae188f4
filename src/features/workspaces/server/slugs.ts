import "server-only";
import { like } from "drizzle-orm";
import { slugify } from "@/lib/slug";
import type { DbOrTx } from "@/server/db/client";
import { workspaces } from "@/server/db/schema";
import { reservedSlugs } from "@/server/security-rules/checks";

/** A workspace's slug from its name; matches the workspaces_slug_format CHECK. */
export function workspaceSlugFrom(name: string): string {
  return slugify(name, 32) || "workspace";
}

/** Static routes next to /w/[workspace]: a workspace with one of these slugs would be unreachable. */
const RESERVED = new Set(["new"]);

/** The slug, or the slug with the smallest free numeric suffix (one query); staff-reserved slugs count as taken. */
export async function uniqueSlug(db: DbOrTx, name: string): Promise<string> {
  const base = workspaceSlugFrom(name);
  const reserved = await reservedSlugs();
  const taken = new Set((await db.select({ slug: workspaces.slug }).from(workspaces).where(like(workspaces.slug, `${base}%`))).map((r) => r.slug));
  if (!taken.has(base) && !RESERVED.has(base) && !reserved.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
