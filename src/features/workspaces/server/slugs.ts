import "server-only";
import { like } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { workspaces } from "@/server/db/schema";
import { reservedSlugs } from "@/server/security-rules/checks";

/** "Ada's Lab!" → "adas-lab"; matches the workspaces_slug_format CHECK. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  return base || "workspace";
}

/** Static routes next to /w/[workspace]: a workspace with one of these slugs would be unreachable. */
const RESERVED = new Set(["new"]);

/** The slug, or the slug with the smallest free numeric suffix (one query); staff-reserved slugs count as taken. */
export async function uniqueSlug(db: DbOrTx, name: string): Promise<string> {
  const base = slugify(name);
  const reserved = await reservedSlugs();
  const taken = new Set((await db.select({ slug: workspaces.slug }).from(workspaces).where(like(workspaces.slug, `${base}%`))).map((r) => r.slug));
  if (!taken.has(base) && !RESERVED.has(base) && !reserved.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
