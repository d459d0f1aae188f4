import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";

/** Opaque page cursors: base64url JSON, validated on the way back in (a bad one is a 400 on `cursor`). */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(raw: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("BAD_REQUEST", { userMessage: "That page link is out of date; reload the list.", fieldErrors: { cursor: ["That page cursor is not valid"] } });
  return parsed.data;
}

export const postCursor = z.object({ pinned: z.boolean(), key: z.number().finite().nullable(), id: z.uuid() });
export const commentCursor = z.object({ thread: z.uuid(), id: z.uuid() });
