import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { appSecret } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * Page cursors: base64url JSON plus a MAC over it and the query it pages through (sort,
 * filters, board or post). A cursor from another query, an edited one or a hand-made one is
 * refused as a 400 on `cursor`, never run: it can't change the sort midway, and no value it
 * carries reaches SQL unchecked. `query` is any JSON-able description of the list.
 */
export function encodeCursor(value: unknown, query: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${mac(payload, query)}`;
}

const refused = () =>
  new AppError("BAD_REQUEST", {
    userMessage: "That page cursor doesn't belong to this list (its sort or filters differ, or it was altered). Ask for the first page again, without a cursor.",
    fieldErrors: { cursor: ["That page cursor is not valid for this list"] },
  });

export function decodeCursor<T>(raw: string | null | undefined, schema: z.ZodType<T>, query: unknown): T | null {
  if (!raw) return null;
  const [payload, tag, ...rest] = raw.split(".");
  if (!payload || !tag || rest.length > 0 || !sameTag(tag, mac(payload, query))) throw refused();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw refused();
  return parsed.data;
}

function mac(payload: string, query: unknown): string {
  return createHmac("sha256", appSecret()).update(`feedback-cursor\n${JSON.stringify(query)}\n${payload}`).digest("base64url").slice(0, 22);
}

function sameTag(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const INT4 = 2 ** 31 - 1;
/** The sort key's type follows the sort, so a signed cursor still can't carry a value its column can't compare with. */
export const postCursor = z.union([
  z.object({ sort: z.literal("top"), pinned: z.boolean(), key: z.number().int().min(-INT4 - 1).max(INT4), id: z.uuid() }),
  z.object({ sort: z.literal("trending"), pinned: z.boolean(), key: z.number().finite(), id: z.uuid() }),
  z.object({ sort: z.literal("new"), pinned: z.boolean(), key: z.null(), id: z.uuid() }),
]);
export const commentCursor = z.object({ thread: z.uuid(), id: z.uuid() });
