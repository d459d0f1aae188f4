import "server-only";
import { z } from "zod";

/**
 * A list response as the public API sends it: the page, `nextCursor` to pass back as `cursor`,
 * and `hasMore` so a client can loop without knowing that a null cursor means the end.
 */
export const paged = <S extends z.ZodObject<{ nextCursor: z.ZodNullable<z.ZodType<string>> }>>(schema: S) =>
  schema.extend({ hasMore: z.boolean().describe("Whether another page follows: pass nextCursor as cursor to get it") });

const pagedForms = new WeakMap<object, object>();

/** The page with `hasMore`; the same object for the same page, so a cached page stays one object to check and serialise once (`checkOutput`). */
export function withHasMore<T extends { nextCursor: string | null }>(page: T): T & { hasMore: boolean } {
  let paged = pagedForms.get(page) as (T & { hasMore: boolean }) | undefined;
  if (!paged) pagedForms.set(page, (paged = { ...page, hasMore: page.nextCursor !== null }));
  return paged;
}
