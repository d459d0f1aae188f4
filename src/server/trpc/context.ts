import "server-only";
import { db, type Db } from "@/server/db/client";

/** What every procedure sees. Accounts add the viewer (session, user, staff role) here. */
export type Viewer = { userId: string; staffRole: "support" | "product" | "admin" | null };

export type TrpcContext = {
  db: Db;
  requestId: string;
  headers: Headers;
  viewer: Viewer | null;
};

export async function createTrpcContext(opts: { headers: Headers; requestId: string }): Promise<TrpcContext> {
  return { db, requestId: opts.requestId, headers: opts.headers, viewer: null };
}
